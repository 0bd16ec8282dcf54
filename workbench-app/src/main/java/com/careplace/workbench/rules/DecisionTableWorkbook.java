package com.careplace.workbench.rules;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes decision tables from the workbench's text form ({@code .drl.csv}) as the Drools spreadsheets teams
 * edit in Excel ({@code .drl.xlsx}, {@code .drl.xls}); {@link SpreadsheetImport} reads them back. Every cell
 * is written as text, so codes like {@code 2.1} and {@code 1} stay exactly as the clinician typed them.
 */
public final class DecisionTableWorkbook {

    private static final String MERGED = "...";

    private DecisionTableWorkbook() {
    }

    /** A rule source as Drools is given it: its path in the kjar (the extension tells Drools the format) and bytes. */
    public record DroolsSource(String path, byte[] bytes) {
    }

    /**
     * What Drools compiles for the source at {@code path}: the text itself, except a decision table whose cells hold a
     * line break. Drools reads {@code .drl.csv} line by line, so such a table goes to Drools as the {@code .drl.xlsx}
     * workbook written from the same cells (Excel keeps line breaks in cells): the author and the reviewer see the
     * text; every compile, policy check and kjar uses this, so what is checked is what runs.
     */
    public static DroolsSource forDrools(String path, String text) {
        if (path.endsWith(CSV) && DecisionTableSheet.parse(text).breaksLines()) {
            return new DroolsSource(path.substring(0, path.length() - CSV.length()) + XLSX, toXlsx(text, "Decision Tables"));
        }
        return new DroolsSource(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The path Drools is given for {@code path} when its table goes as a workbook ({@code .drl.xlsx}). */
    static String asWorkbook(String path) {
        return path.endsWith(CSV) ? path.substring(0, path.length() - CSV.length()) + XLSX : path;
    }

    /**
     * The DRL Drools generates from a table's text, read as {@link #forDrools} gives it to Drools.
     *
     * @throws RuntimeException Drools' own, when it cannot read the table
     */
    public static String generatedDrl(String csv) {
        DroolsSource source = forDrools(CSV, csv);
        return new org.drools.decisiontable.SpreadsheetCompiler().compile(new java.io.ByteArrayInputStream(source.bytes()),
                source.path().endsWith(XLSX) ? org.drools.decisiontable.InputType.XLS : org.drools.decisiontable.InputType.CSV);
    }

    private static final String CSV = ".drl.csv";
    private static final String XLSX = ".drl.xlsx";

    /** The table as an .xlsx workbook with one sheet. */
    public static byte[] toXlsx(String csv, String sheetName) {
        return write(new XSSFWorkbook(), csv, sheetName);
    }

    /** The table as an Excel 97 (.xls) workbook with one sheet, for teams whose tables came that way. */
    public static byte[] toXls(String csv, String sheetName) {
        return write(new HSSFWorkbook(), csv, sheetName);
    }

    /**
     * The table written back in the format of the workbook it was imported from, with that workbook's other sheets:
     * the first sheet (the one Drools compiles) holds the table as it is now; each other sheet keeps its name, its
     * cells as they were shown (formulas evaluated) and its merged cells. The file itself is not passed on: what an
     * author uploaded (macros, links, embedded objects) never reaches whoever exports.
     *
     * @throws IllegalArgumentException when {@code original} is not a workbook
     */
    public static byte[] intoWorkbook(byte[] original, String csv) {
        try (Workbook source = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(original));
             Workbook copy = source instanceof HSSFWorkbook ? new HSSFWorkbook() : new XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            writeCells(copy.createSheet(source.getNumberOfSheets() == 0 ? "Decision Tables" : source.getSheetName(0)), csv);
            org.apache.poi.ss.usermodel.DataFormatter shown = new org.apache.poi.ss.usermodel.DataFormatter();
            org.apache.poi.ss.usermodel.FormulaEvaluator formulas = source.getCreationHelper().createFormulaEvaluator();
            for (int s = 1; s < source.getNumberOfSheets(); s++) {
                Sheet from = source.getSheetAt(s);
                Sheet to = copy.createSheet(from.getSheetName());
                for (Row row : from) {
                    Row made = to.createRow(row.getRowNum());
                    for (org.apache.poi.ss.usermodel.Cell cell : row) {
                        String value;
                        try {
                            value = shown.formatCellValue(cell, formulas);
                        } catch (RuntimeException unevaluable) {
                            value = shown.formatCellValue(cell); // a formula POI cannot evaluate: as written
                        }
                        made.createCell(cell.getColumnIndex()).setCellValue(value);
                    }
                }
                from.getMergedRegions().forEach(to::addMergedRegion);
            }
            copy.write(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The workbook the table came in is not readable: " + e.getMessage(), e);
        }
    }

    private static byte[] write(Workbook created, String csv, String sheetName) {
        try (Workbook workbook = created; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            writeCells(workbook.createSheet(safeSheetName(sheetName)), csv);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every cell written as text. Cells Drools CSV marks as merged (a run ending in {@code ...}) become one
     * merged cell again, as Drools reads merged pattern cells in a workbook.
     */
    private static void writeCells(Sheet sheet, String csv) {
        List<List<String>> rows = DecisionTableSheet.parse(csv).rows();
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            List<String> cells = rows.get(r);
            int runStart = -1;
            for (int c = 0; c <= cells.size(); c++) {
                boolean marked = c < cells.size() && cells.get(c).endsWith(MERGED);
                if (runStart >= 0 && !marked) {
                    if (c - 1 > runStart) {
                        sheet.addMergedRegion(new CellRangeAddress(r, r, runStart, c - 1));
                    }
                    runStart = -1;
                } else if (runStart < 0 && marked) {
                    runStart = c;
                }
                if (c < cells.size()) {
                    // Drools needs every cell of a row to exist, empty or not.
                    String value = cells.get(c);
                    row.createCell(c).setCellValue(marked ? value.substring(0, value.length() - MERGED.length()) : value);
                }
            }
        }
    }

    private static String safeSheetName(String name) {
        String cleaned = name.replaceAll("[\\\\/?*\\[\\]:]", "-");
        return cleaned.length() <= 31 ? cleaned : cleaned.substring(0, 31);
    }
}
