package com.careplace.workbench.rules;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's fidelity rule over the decision-table spreadsheets in Drools' own test data (the
 * {@code drools-decisiontables} tests jar, copied to target/ by the build): for every file Drools turns
 * into DRL, the text the workbench stores generates the same DRL, comments aside; otherwise the import
 * refuses it, naming the place and why. The count is printed and may not fall.
 */
class SpreadsheetImportTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SpreadsheetImportTest.class);
    private static final Path TEST_DATA = Path.of("target/drools-test-data/drools-decisiontables-tests.jar");
    /** Measured when the import was written: the files the text form keeps; a change that keeps fewer fails. */


    @Test
    void everySpreadsheetDroolsReadsComesInWithTheSameRulesOrIsRefusedWithThePlace() throws IOException {
        Map<String, byte[]> files = spreadsheets();
        assertThat(files).as("Drools' test data").hasSizeGreaterThan(60);
        int droolsReads = 0;
        int inTheGrid = 0;
        List<String> kept = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = file.getKey();
            String original;
            try {
                original = new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.getValue()),
                        name.endsWith(".csv") ? InputType.CSV : InputType.XLS);
            } catch (RuntimeException droolsRefuses) {
                assertThatThrownBy(() -> SpreadsheetImport.read(name, file.getValue())).as(name + ": Drools refuses it, so must the import")
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + ": ");
                continue;
            }
            droolsReads++;
            try {
                SpreadsheetImport.Imported imported = SpreadsheetImport.read(name, file.getValue());
                // as every compile path gives the stored table to Drools
                String fromText = DecisionTableWorkbook.generatedDrl(imported.csv());
                assertThat(SpreadsheetImport.withoutComments(fromText)).as(name).isEqualTo(SpreadsheetImport.withoutComments(original));
                kept.add(name);
                if (!DecisionTableDraft.parse(imported.csv()).tables().isEmpty()) {
                    inTheGrid++;
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("a refusal names the file").startsWith(name + ": ");
                refused.put(name, e.getMessage());
            }
        }
        LOG.info(String.format("Drools' test spreadsheets: %d files, %d read by Drools, %d imported with the same DRL (%d with a "
                + "RuleTable the grid opens), %d refused", files.size(), droolsReads, kept.size(), inTheGrid, refused.size()));
        refused.values().forEach(why -> LOG.info("  refused: " + why));
        // the aim the issue set: every spreadsheet Drools reads comes in with the same rules
        assertThat(refused).isEmpty();
        assertThat(kept).hasSize(droolsReads);
    }

    @Test
    void aTableAnywhereWithAMergedPatternAndAFormulaKeepsItsMeaning() throws IOException {
        byte[] xls;
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Rules");
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("RuleTable Never compiled");
            sheet.createRow(0).createCell(0).setCellValue("RuleSet");
            sheet.getRow(0).createCell(1).setCellValue("org.example");
            String[][] table = {{"RuleTable Adults"}, {"CONDITION", "CONDITION", "ACTION"}, {"Person", "", ""},
                    {"age > $param", "name == \"$param\"", "list.add(\"$param\");"}, {"Age", "Name", "Note"}, {"", "Ann", "adult"}};
            for (int r = 0; r < table.length; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(3 + r);
                for (int c = 0; c < table[r].length; c++) {
                    row.createCell(2 + c).setCellValue(table[r][c]);
                }
            }
            sheet.getRow(8).getCell(2).setCellFormula("20+1");
            sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(5, 5, 2, 3));
            workbook.write(out);
            xls = out.toByteArray();
        }

        SpreadsheetImport.Imported imported = SpreadsheetImport.read("adults.drl.xls", xls);

        assertThat(imported.drl()).as("one pattern for the merged cell, the formula evaluated").contains("Person(age > 21, name == \"Ann\")");
        assertThat(imported.csv().lines().toList()).contains("RuleTable Adults", "Person...,Person...,", "21,Ann,adult");
        assertThat(imported.notes()).containsExactly("Sheet 'Notes' is not part of the rules (Drools compiles only the first sheet, "
                + "'Rules'); once saved it is kept as it came and exported with the table");
        // Without the merge marks the text would give each condition its own Person pattern: a different rule
        String unmarked = imported.csv().replace("Person...,Person...", "Person,Person");
        assertThat(new SpreadsheetCompiler().compile(new ByteArrayInputStream(unmarked.getBytes(StandardCharsets.UTF_8)), InputType.CSV))
                .doesNotContain("Person(age > 21, name == \"Ann\")");
        // Into a change request the rule policy applies: Person is not a clinical fact
        assertThatThrownBy(() -> SpreadsheetImport.intoWorkbench("adults.drl.xls", xls))
                .hasMessage("adults.drl.xls: row 6: Rules may only use the clinical fact model: `Person` is not allowed here; nothing was imported");
    }

    private static byte[] xlsxWithCellAt(int row, int column) throws IOException {
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Tables");
            sheet.createRow(0).createCell(0).setCellValue("RuleSet");
            sheet.createRow(row).createCell(column).setCellValue("far out");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aSheetFarBeyondATableIsRefusedAtItsFarthestCell() throws IOException {
        // One cell at XFD1048576 is a small file; read cell by cell it would be a sheet of 17 billion cells on screen
        assertThatThrownBy(() -> SpreadsheetImport.read("far.drl.xlsx", xlsxWithCellAt(1_048_575, 16_383)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("far.drl.xlsx: cell XFD1048576 of sheet 'Tables' is beyond what "
                        + "a decision table holds here (at most 50,000 rows and 256 columns); nothing was imported");
        assertThatThrownBy(() -> SpreadsheetImport.read("wide.drl.xlsx", xlsxWithCellAt(3, 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("wide.drl.xlsx: cell KO4 of sheet 'Tables' is beyond");
        assertThatThrownBy(() -> SpreadsheetImport.read("long.drl.csv", "RuleSet,x\n".repeat(60_000).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("long.drl.csv: 60,000 lines, beyond what");
    }

    @Test
    void aWorkbookThatUnpacksFarBeyondItsSizeIsRefusedBeforeAnythingReadsIt() throws IOException {
        // 60 MB of sheet XML in a file under 10 MB: POI's own zip-bomb guard lets it through (it unpacks at ~1:25, and POI
        // refuses only beyond 1:100), so without the bound POI and Drools would each hold it, ~30 times over, in memory.
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(7);
        long unpacked = 0;
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(file)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[100];
            for (int i = 0; i < 600_000; i++) {
                block[0] = (byte) random.nextInt();
                block[1] = (byte) random.nextInt();
                zip.write(block);
                unpacked += block.length;
            }
            zip.closeEntry();
        }
        byte[] bomb = file.toByteArray();
        assertThat(bomb.length).isLessThan(SpreadsheetImport.MOST_BYTES);
        assertThat((double) bomb.length / unpacked).as("compressed to unpacked, above POI's 0.01 minimum").isGreaterThan(0.01);
        assertThatThrownBy(() -> SpreadsheetImport.read("bomb.drl.xlsx", bomb)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bomb.drl.xlsx: the workbook unpacks to more than 50 MB, far more than a decision table holds; nothing was imported");
    }

    @Test
    void anEncryptedWorkbookIsRefusedThoughPoiWouldOpenItUnasked() throws Exception {
        String payer = BaselineAssets.load().stream().filter(a -> a.path().endsWith("payer-requirements.drl.csv")).findFirst().orElseThrow().text();
        byte[] xlsx = DecisionTableWorkbook.toXlsx(payer, "Decision Tables");
        // Excel's default password: POI decrypts with it unasked, and the zip inside would skip the unpack bound (it is OLE2 outside)
        org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile);
        org.apache.poi.poifs.crypt.Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("VelvetSweatshop");
        byte[] encrypted;
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            try (java.io.OutputStream os = encryptor.getDataStream(fs)) {
                os.write(xlsx);
            }
            fs.writeFilesystem(out);
            encrypted = out.toByteArray();
        }
        try (var opened = org.apache.poi.ss.usermodel.WorkbookFactory.create(new ByteArrayInputStream(encrypted))) {
            assertThat(opened.getNumberOfSheets()).as("without the check, POI reads it").isEqualTo(1);
        }
        assertThatThrownBy(() -> SpreadsheetImport.read("locked.drl.xlsx", encrypted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("locked.drl.xlsx: the workbook is encrypted; save it without a password; nothing was imported");
    }

    @Test
    void aFileThatIsNotASpreadsheetIsRefusedByName() {
        assertThatThrownBy(() -> SpreadsheetImport.read("notes.drl.xls", "hello".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("notes.drl.xls: not a readable Excel workbook");
        assertThatThrownBy(() -> SpreadsheetImport.read("rules.txt", new byte[0])).hasMessageContaining("not a Drools spreadsheet");
    }

    private static Map<String, byte[]> spreadsheets() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile jar = new ZipFile(TEST_DATA.toFile())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".xls") || name.endsWith(".xlsx") || name.endsWith(".csv")) {
                    try (var in = jar.getInputStream(entry)) {
                        files.put(name, in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }
}
