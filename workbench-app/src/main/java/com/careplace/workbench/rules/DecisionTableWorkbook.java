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
        // A table the workbook cannot carry as written goes as it is: Check refuses it (carryProblems), nothing runs it.
        if (path.endsWith(CSV) && DecisionTableSheet.parse(text).breaksLines() && carryProblems(text).isEmpty()) {
            return new DroolsSource(path.substring(0, path.length() - CSV.length()) + XLSX, toXlsx(text, "Decision Tables"));
        }
        return new DroolsSource(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A cell of a table whose cells break lines that the workbook Drools is given could not carry as written.
     *
     * @param row    1-based sheet row
     * @param column 0-based column
     * @param value  the cell, cut to 60 characters
     */
    public record CarryProblem(int row, int column, String value, String message) {
    }

    /** Most characters an Excel cell holds. */
    static final int MOST_CELL_CHARACTERS = 32_767;

    /**
     * What in a table with a cell over several lines its workbook could not carry exactly: a cell longer than Excel holds,
     * or a run of cells marked merged ({@code ...}) whose texts differ (a workbook's merged cell has one text; Drools' CSV
     * reader keeps each). Empty for every other table, which goes to Drools as its text.
     */
    public static List<CarryProblem> carryProblems(String csv) {
        DecisionTableSheet sheet = DecisionTableSheet.parse(csv);
        if (!sheet.breaksLines()) {
            return List.of();
        }
        List<CarryProblem> problems = new java.util.ArrayList<>();
        List<List<String>> rows = sheet.rows();
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            String runText = null;
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c);
                String shown = cell.length() <= 60 ? cell : cell.substring(0, 59) + "…";
                if (cell.length() > MOST_CELL_CHARACTERS) {
                    problems.add(new CarryProblem(r + 1, c, shown, "longer than a spreadsheet cell holds (" + String.format("%,d", MOST_CELL_CHARACTERS)
                            + " characters), which this table needs as it has a cell over several lines"));
                }
                if (cell.endsWith(MERGED)) {
                    String text = cell.substring(0, cell.length() - MERGED.length());
                    if (runText != null && !runText.equals(text)) {
                        problems.add(new CarryProblem(r + 1, c, shown, "cells marked merged ('...') must hold the same text as the first of their "
                                + "run ('" + runText + "...') in a table with a cell over several lines"));
                    }
                    runText = runText == null ? text : runText;
                } else {
                    runText = null;
                }
            }
        }
        return problems;
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
    private static final java.util.regex.Pattern OOXML_ESCAPE = java.util.regex.Pattern.compile("_x[0-9A-Fa-f]{4}_");
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
            for (int s = 1; s < source.getNumberOfSheets(); s++) {
                Sheet from = source.getSheetAt(s);
                Sheet to = copy.createSheet(from.getSheetName());
                for (Row row : from) {
                    Row made = null;
                    for (org.apache.poi.ss.usermodel.Cell cell : row) {
                        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.BLANK) {
                            continue; // formatting only: a sheet of styled blanks must not become millions of text cells
                        }
                        made = made == null ? to.createRow(row.getRowNum()) : made;
                        made.createCell(cell.getColumnIndex()).setCellValue(shownValue(shown, cell));
                    }
                }
                for (CellRangeAddress region : from.getMergedRegions()) {
                    try {
                        to.addMergedRegion(region);
                    } catch (IllegalStateException | IllegalArgumentException overlapping) {
                        // Excel itself repairs overlapping merges; the cells are kept, the odd merge is not
                    }
                }
            }
            copy.write(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The workbook the table came in is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * A cell as Excel last showed it: a formula by the result Excel saved with it, never evaluated here (a formula over a
     * whole sheet would take minutes on every export).
     */
    private static String shownValue(org.apache.poi.ss.usermodel.DataFormatter shown, org.apache.poi.ss.usermodel.Cell cell) {
        if (cell.getCellType() != org.apache.poi.ss.usermodel.CellType.FORMULA) {
            return shown.formatCellValue(cell);
        }
        return switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> shown.formatRawCellContents(cell.getNumericCellValue(), cell.getCellStyle().getDataFormat(),
                    cell.getCellStyle().getDataFormatString());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue()).toUpperCase(java.util.Locale.ROOT);
            default -> "";
        };
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
                    String text = marked ? value.substring(0, value.length() - MERGED.length()) : value;
                    // .xlsx decodes _xHHHH_ as a character when read: "_x0031_9" would be read as "19". Escaped, it reads as written.
                    row.createCell(c).setCellValue(sheet instanceof org.apache.poi.xssf.usermodel.XSSFSheet ? OOXML_ESCAPE.matcher(text)
                            .replaceAll("_x005F$0") : text);
                }
            }
        }
    }

    private static String safeSheetName(String name) {
        String cleaned = name.replaceAll("[\\\\/?*\\[\\]:]", "-");
        return cleaned.length() <= 31 ? cleaned : cleaned.substring(0, 31);
    }
}
