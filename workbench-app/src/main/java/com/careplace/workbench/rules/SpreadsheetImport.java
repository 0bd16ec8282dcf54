package com.careplace.workbench.rules;

import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.RuleSheetListener;
import org.drools.decisiontable.parser.xls.ExcelParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Drools decision-table spreadsheet ({@code .drl.xls}, {@code .drl.xlsx} or {@code .drl.csv}) as the
 * workbench keeps tables: Drools CSV text. The cells are taken as Drools' own parser reads them (formulas
 * evaluated, numbers formatted, merged cells resolved, the RuleSet's NumericDisabled honoured), at the rows
 * and columns where they stand, so a RuleTable anywhere on the sheet and every keyword and column type come
 * through. The fidelity rule is checked, not assumed: the DRL Drools generates from the text must equal the
 * DRL it generates from the file (comments aside); otherwise the import is refused with the place and why.
 * Like Drools, only the first sheet is compiled; other sheets are named in {@link Imported#notes()} (the workbench keeps
 * the file to export the table back into it). The rule
 * policy is applied by {@link #intoWorkbench}; {@link #read} is the format alone.
 */
public final class SpreadsheetImport {

    private static final String MERGED = "...";
    /** Checked here too: the browser's upload limit is the browser's. */
    static final int MOST_BYTES = 10 * 1024 * 1024;
    /** Far beyond a table a person edits (and the 10,000-row tables benchmarked), far below what would exhaust the heap. */
    static final int MOST_ROWS = 50_000;
    /** Excel 97's own width; a rule table has a few dozen columns. */
    static final int MOST_COLUMNS = 256;
    /**
     * What an .xlsx (a zip) may unpack to: its XML is ~10 times its size, and POI holds ~30 times the XML in memory, so
     * this bounds an import's heap to about 1.5 GB (Drools' largest test workbook unpacks to under 1 MB).
     */
    static final long MOST_UNPACKED_BYTES = 50L * 1024 * 1024;

    private SpreadsheetImport() {
    }

    /**
     * A spreadsheet as text, with what the person importing should know.
     *
     * @param csv   the table as the workbench stores it
     * @param drl   the DRL Drools generates from it (and from the file)
     * @param notes what was not brought over, in words (sheets Drools does not compile); empty when nothing
     */
    public record Imported(String csv, String drl, List<String> notes) {

        public Imported {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Reads a spreadsheet named {@code fileName} (its extension says the format).
     *
     * @throws IllegalArgumentException naming the place and the reason: what Drools itself refuses in the file,
     *                                  or what the text form cannot carry
     */
    public static Imported read(String fileName, byte[] bytes) {
        if (bytes.length > MOST_BYTES) {
            throw new IllegalArgumentException(fileName + ": " + bytes.length / (1024 * 1024) + " MB; a decision table to import is at most "
                    + MOST_BYTES / (1024 * 1024) + " MB");
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String csv = text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's "CSV UTF-8" byte-order mark
            long lineCount = csv.chars().filter(c -> c == '\n').count();
            if (lineCount >= MOST_ROWS) {
                throw new IllegalArgumentException(fileName + ": " + String.format("%,d", lineCount) + " lines, beyond what a decision table holds "
                        + "here (at most " + String.format("%,d", MOST_ROWS) + " rows); nothing was imported");
            }
            List<List<String>> rows = DecisionTableSheet.parse(csv).rows();
            for (int r = 0; r < rows.size(); r++) {
                if (rows.get(r).size() > MOST_COLUMNS) {
                    throw new IllegalArgumentException(fileName + ": row " + (r + 1) + " has " + rows.get(r).size() + " cells, beyond what a "
                            + "decision table holds here (at most " + MOST_COLUMNS + " columns); nothing was imported");
                }
            }
            String drl = drl(fileName, () -> new SpreadsheetCompiler().compile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    InputType.CSV));
            if (!DecisionTableSheet.parse(csv).breaksLines()) {
                return new Imported(csv, drl, List.of());
            }
            // Drools reads a .csv line by line, so a quoted line break ends the row there; the workbench would keep it in the
            // cell. Kept as Drools reads it: each line its own row.
            org.drools.decisiontable.parser.csv.CsvLineParser lines = new org.drools.decisiontable.parser.csv.CsvLineParser();
            String asDroolsReadsIt = csv.lines().map(line -> DecisionTableDraft.csvRow(lines.parse(line)) + "\n")
                    .collect(java.util.stream.Collectors.joining());
            if (!withoutComments(drl).equals(withoutComments(csvDrl(asDroolsReadsIt)))) {
                throw new IllegalArgumentException(fileName + ": a quoted cell holds a line break, which Drools reads as the end of "
                        + "the row, and the text form cannot keep that reading; save it as .drl.xlsx, or join the cell's lines; "
                        + "nothing was imported");
            }
            return new Imported(asDroolsReadsIt, drl, List.of("A quoted cell held a line break; Drools reads each line as its own "
                    + "row, and so does the table here"));
        }
        if (!lower.endsWith(".xls") && !lower.endsWith(".xlsx")) {
            throw new IllegalArgumentException(fileName + ": not a Drools spreadsheet (.drl.xls, .drl.xlsx or .drl.csv)");
        }
        List<String> notes = new ArrayList<>();
        unpackedWithinBounds(fileName, bytes);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new IllegalArgumentException(fileName + ": the workbook has no sheet");
            }
            withinBounds(fileName, workbook.getSheetAt(0));
            for (int s = 1; s < workbook.getNumberOfSheets(); s++) {
                notes.add("Sheet '" + workbook.getSheetName(s) + "' is not part of the rules (Drools compiles only the first sheet, '"
                        + workbook.getSheetName(0) + "'); once saved it is kept as it came and exported with the table");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException refused && refused.getMessage() != null && refused.getMessage().startsWith(fileName)) {
                throw refused;
            }
            throw new IllegalArgumentException(fileName + ": not a readable Excel workbook (" + e.getMessage() + ")", e);
        }
        String original = drl(fileName, () -> new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), InputType.XLS));
        Recorder recorder = new Recorder();
        new ExcelParser(recorder).parseFile(new ByteArrayInputStream(bytes));
        String csv = recorder.csv();
        String fromText;
        try {
            fromText = DecisionTableWorkbook.generatedDrl(csv);
        } catch (RuntimeException e) {
            fromText = null; // Drools reads the file but not the text: say what the text could not carry
        }
        if (fromText == null || !withoutComments(original).equals(withoutComments(fromText))) {
            throw new IllegalArgumentException(fileName + ": " + recorder.hazard().orElse("the rules read from the text would differ "
                    + "from the rules Drools reads from the file") + "; nothing was imported");
        }
        // A table that starts right of column A is moved there (Drools ignores empty columns; rule names count rows):
        // the grid edits tables from column A. Kept where it was if that would change a rule.
        String shifted = recorder.csv(recorder.tablesFromColumnA());
        if (!shifted.equals(csv) && withoutComments(original).equals(withoutComments(csvDrl(shifted)))) {
            csv = shifted;
        }
        return new Imported(csv, original, notes);
    }

    /**
     * An .xlsx is a zip: refused before POI or Drools unpack it when its entries unpack to more than
     * {@link #MOST_UNPACKED_BYTES} (counted as they inflate, not as the zip claims).
     */
    private static void unpackedWithinBounds(String fileName, byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            // Excel 97 (OLE2): what it holds is bounded by its size, unless it is an encrypted .xlsx POI would decrypt and unpack
            try (org.apache.poi.poifs.filesystem.POIFSFileSystem ole = new org.apache.poi.poifs.filesystem.POIFSFileSystem(new ByteArrayInputStream(bytes))) {
                if (ole.getRoot().hasEntry("EncryptionInfo") || ole.getRoot().hasEntry("EncryptedPackage")) {
                    throw new IllegalArgumentException(fileName + ": the workbook is encrypted; save it without a password; nothing was imported");
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof IllegalArgumentException refused && refused.getMessage().startsWith(fileName)) {
                    throw refused;
                }
                // not OLE2 either: WorkbookFactory says what it is not
            }
            return;
        }
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
            while (zip.getNextEntry() != null) {
                for (int read = zip.read(buffer); read > 0; read = zip.read(buffer)) {
                    unpacked += read;
                    if (unpacked > MOST_UNPACKED_BYTES) {
                        throw new IllegalArgumentException(fileName + ": the workbook unpacks to more than " + MOST_UNPACKED_BYTES / (1024 * 1024)
                                + " MB, far more than a decision table holds; nothing was imported");
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": not a readable Excel workbook (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The sheet Drools reads, refused at its first cell with content beyond {@link #MOST_ROWS} rows or {@link #MOST_COLUMNS}
     * columns (Excel 97 files often format all 65,536 rows: empty cells count for nothing).
     */
    private static void withinBounds(String fileName, org.apache.poi.ss.usermodel.Sheet sheet) {
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            for (org.apache.poi.ss.usermodel.Cell cell : row) {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.BLANK
                        || (row.getRowNum() < MOST_ROWS && cell.getColumnIndex() < MOST_COLUMNS)) {
                    continue;
                }
                String place = "cell " + DecisionTableSheet.columnLetter(cell.getColumnIndex()) + (row.getRowNum() + 1) + " of sheet '"
                        + sheet.getSheetName() + "'";
                throw new IllegalArgumentException(fileName + ": " + place + " is beyond what a decision table holds here (at most "
                        + String.format("%,d", MOST_ROWS) + " rows and " + MOST_COLUMNS + " columns); nothing was imported");
            }
        }
    }

    /**
     * The table text of a workbook the workbench wrote itself (a release's {@code .drl.xlsx}), its first sheet's cells
     * as Drools reads them: no bounds and no fidelity check, which are for files people bring.
     *
     * @throws IllegalArgumentException when the bytes are not a workbook
     */
    public static String textOf(byte[] workbook) {
        Recorder recorder = new Recorder();
        try {
            new ExcelParser(recorder).parseFile(new ByteArrayInputStream(workbook));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable workbook: " + e.getMessage(), e);
        }
        return recorder.csv();
    }

    private static String csvDrl(String csv) {
        try {
            return DecisionTableWorkbook.generatedDrl(csv);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * {@link #read}, then the rule policy, as a table brought into a change request: what the policy refuses
     * is refused at import too, at the row it names.
     *
     * @throws IllegalArgumentException as {@link #read} does, or naming the row and what the policy refuses
     */
    public static Imported intoWorkbench(String fileName, byte[] bytes) {
        Imported imported = read(fileName, bytes);
        DecisionTableWorkbook.DroolsSource source = DecisionTableWorkbook.forDrools("imported.drl.csv", imported.csv());
        List<PolicyViolation> refused = RulePolicy.checkSources(java.util.Map.of(source.path(), source.bytes()));
        if (!refused.isEmpty()) {
            PolicyViolation first = refused.getFirst();
            throw new IllegalArgumentException(fileName + ": " + (first.line() > 0 ? "row " + first.line() + ": " : "")
                    + first.message() + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "") + "; nothing was imported");
        }
        return imported;
    }

    /** The DRL Drools generates, or its refusal with the place it names. */
    private static String drl(String fileName, java.util.function.Supplier<String> generate) {
        try {
            return generate.get();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new IllegalArgumentException(fileName + ": Drools cannot read it as a decision table: " + why, e);
        }
    }

    /** DRL as compared for fidelity: comment lines and blank lines aside, trailing spaces trimmed. */
    static String withoutComments(String drl) {
        return drl.lines().map(String::stripTrailing).filter(line -> !line.isBlank() && !line.strip().startsWith("//"))
                .reduce(new StringBuilder(), (b, line) -> b.append(line).append('\n'), StringBuilder::append).toString();
    }

    /**
     * Drools' own rule-sheet listener, so that the parser formats cells as it does for a compile (it asks the
     * listener whether NumericDisabled is on), recording each cell where it stands.
     */
    private static final class Recorder extends DefaultRuleSheetListener {

        private final TreeMap<Integer, TreeMap<Integer, String>> cells = new TreeMap<>();
        private int lastRow = -1;
        private int widest;
        private String hazard;

        Recorder() {
            super(true, true);
        }



        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            super.newCell(row, column, value, mergedColStart);
            if (value == null) {
                return;
            }
            if (!value.isEmpty()) {
                // rows and columns end at the last cell with content: a formatted sheet has 65,536 rows of empty cells
                lastRow = Math.max(lastRow, row);
                widest = Math.max(widest, column + 1);
            }
            String place = "cell " + DecisionTableSheet.columnLetter(column) + (row + 1);
            boolean merged = mergedColStart != RuleSheetListener.NON_MERGED;
            if (!merged && value.endsWith(MERGED)) {
                note(place + " ends in '...', which in the text form marks merged cells; reword it");
            }
            // Drools CSV marks each cell of a merged run with a trailing "..." (and strips it again)
            cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, merged ? value + MERGED : value);
            if (merged && column > mergedColStart) {
                String left = cells.get(row).get(column - 1);
                if (left == null || !left.endsWith(MERGED)) {
                    note(place + " continues a merged range whose first cell is empty");
                }
            } else if (merged && column > 0 && Optional.ofNullable(cells.get(row).get(column - 1)).filter(l -> l.endsWith(MERGED)).isPresent()) {
                note(place + " starts a merged range right beside another; the text form would join the two");
            }
        }

        private void note(String found) {
            if (hazard == null) {
                hazard = found;
            }
        }

        Optional<String> hazard() {
            return Optional.ofNullable(hazard);
        }

        /**
         * Per row, how many columns to leave out so that each RuleTable starts in column A: the rows of a table
         * (from its RuleTable cell to the next blank row) move left when nothing stands left of it.
         */
        java.util.Map<Integer, Integer> tablesFromColumnA() {
            java.util.Map<Integer, Integer> offsets = new java.util.HashMap<>();
            for (int r = 0; r <= lastRow; r++) {
                Optional<Integer> start = ruleTableColumn(r);
                if (start.isEmpty() || start.get() == 0) {
                    continue;
                }
                int end = r + 1;
                while (end <= lastRow && !blank(end) && ruleTableColumn(end).isEmpty()) {
                    end++;
                }
                int column = start.get();
                boolean clear = true;
                for (int row = r; row < end; row++) {
                    clear &= cells.getOrDefault(row, new TreeMap<>()).headMap(column).values().stream().allMatch(String::isBlank);
                }
                for (int row = r; clear && row < end; row++) {
                    offsets.put(row, column);
                }
                r = end - 1;
            }
            return offsets;
        }

        private Optional<Integer> ruleTableColumn(int row) {
            return cells.getOrDefault(row, new TreeMap<>()).entrySet().stream().filter(cell -> {
                String value = cell.getValue().strip().toLowerCase(Locale.ROOT);
                return value.equals("ruletable") || value.startsWith("ruletable ");
            }).map(java.util.Map.Entry::getKey).findFirst();
        }

        private boolean blank(int row) {
            return cells.getOrDefault(row, new TreeMap<>()).values().stream().allMatch(String::isBlank);
        }

        String csv() {
            return csv(java.util.Map.of());
        }

        /** The sheet as Drools CSV, each row without the leading columns {@code offsets} says to leave out. */
        String csv(java.util.Map<Integer, Integer> offsets) {
            StringBuilder csv = new StringBuilder();
            for (int r = 0; r <= lastRow; r++) {
                TreeMap<Integer, String> row = cells.getOrDefault(r, new TreeMap<>());
                List<String> line = new ArrayList<>();
                int width = row.isEmpty() ? 0 : Math.min(row.lastKey() + 1, widest);
                for (int c = offsets.getOrDefault(r, 0); c < width; c++) {
                    line.add(row.getOrDefault(c, ""));
                }
                csv.append(DecisionTableDraft.csvRow(line)).append('\n');
            }
            return csv.toString();
        }
    }
}
