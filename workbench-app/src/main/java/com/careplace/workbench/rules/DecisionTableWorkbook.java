package com.careplace.workbench.rules;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts decision tables between the workbench's text form ({@code .drl.csv}) and the Drools
 * spreadsheet form ({@code .drl.xlsx}) that teams edit in Excel. Every cell is written as text, so
 * codes like {@code 2.1} and {@code 1} stay exactly as the clinician typed them.
 */
public final class DecisionTableWorkbook {

    private DecisionTableWorkbook() {
    }

    /** The table as an .xlsx workbook with one sheet. */
    public static byte[] toXlsx(String csv, String sheetName) {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(safeSheetName(sheetName));
            List<List<String>> rows = DecisionTableSheet.parse(csv).rows();
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    // Drools needs every cell of a row to exist, empty or not.
                    row.createCell(c).setCellValue(cells.get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first sheet of an .xlsx workbook as the table's text form.
     *
     * @throws IllegalArgumentException naming the row and columns when the workbook uses something
     *                                  the text form cannot keep (merged pattern cells), or is not .xlsx
     */
    public static String fromXlsx(byte[] xlsx) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (CellRangeAddress merged : sheet.getMergedRegions()) {
                if (merged.getNumberOfCells() > 1) {
                    throw new IllegalArgumentException("Row " + (merged.getFirstRow() + 1) + ": cells "
                            + DecisionTableSheet.columnLetter(merged.getFirstColumn()) + "–"
                            + DecisionTableSheet.columnLetter(merged.getLastColumn())
                            + " are merged; give each condition column its own pattern (refer to one fact with "
                            + "`this == $binding`) and unmerge them");
                }
            }
            DataFormatter formatter = new DataFormatter();
            List<String> lines = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                lines.add(String.join(",", cells.stream().map(DecisionTableWorkbook::quote).toList()));
            }
            return String.join("\n", lines) + "\n";
        } catch (IOException | org.apache.poi.EmptyFileException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new IllegalArgumentException("Not an .xlsx workbook: " + e.getMessage(), e);
        }
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static String safeSheetName(String name) {
        String cleaned = name.replaceAll("[\\\\/?*\\[\\]:]", "-");
        return cleaned.length() <= 31 ? cleaned : cleaned.substring(0, 31);
    }
}
