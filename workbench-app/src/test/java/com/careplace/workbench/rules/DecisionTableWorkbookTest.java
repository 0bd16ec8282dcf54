package com.careplace.workbench.rules;

import com.careplace.placement.RuleCompilation;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Teams can still work in Excel: exported workbooks are real Drools decision tables, and come back unchanged. */
class DecisionTableWorkbookTest {

    private static Set<String> rulesOf(String path, byte[] content) {
        KieServices ks = KieServices.get();
        ReleaseId id = ks.newReleaseId("com.careplace.test", "xlsx", "1.0." + Math.abs(UUID.randomUUID().hashCode()));
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(id);
        files.write("src/main/resources/" + path, content);
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as(path).isEmpty();
            return ks.newKieContainer(id).getKieBase().getKiePackages().stream()
                    .flatMap(p -> p.getRules().stream()).map(Rule::getName).collect(Collectors.toSet());
        });
    }

    @Test
    void everyBaselineTableExportsToAWorkbookDroolsCompilesToTheSameRules() {
        List<RuleAsset> tables = BaselineAssets.ruleSources().stream().filter(a -> a.kind() == RuleAsset.Kind.DECISION_TABLE).toList();
        assertThat(tables).hasSize(3);
        for (RuleAsset table : tables) {
            byte[] xlsx = DecisionTableWorkbook.toXlsx(table.text(), table.name());
            Set<String> fromCsv = rulesOf(table.path(), table.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Set<String> fromXlsx = rulesOf(table.path().replace(".drl.csv", ".drl.xlsx"), xlsx);
            assertThat(fromXlsx).as(table.name()).isEqualTo(fromCsv).isNotEmpty();

            String back = SpreadsheetImport.read(table.name().replace(".csv", ".xlsx"), xlsx).csv();
            assertThat(rulesOf(table.path(), back.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(fromCsv);
            assertThat(DecisionTableSheet.parse(back).ruleRows()).extracting(DecisionTableSheet.RuleRow::cells)
                    .isEqualTo(DecisionTableSheet.parse(table.text()).ruleRows().stream().map(DecisionTableSheet.RuleRow::cells).toList());
        }
    }

    @Test
    void levelCodesStayTextInExcel() throws Exception {
        RuleAsset dimensions = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("dimension-levels.drl.csv"))
                .findFirst().orElseThrow();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(DecisionTableWorkbook.toXlsx(dimensions.text(), "t")))) {
            assertThat(workbook.getSheetAt(0).getRow(11).getCell(3).getStringCellValue()).isEqualTo("2.1");
        }
    }

    @Test
    void mergedPatternCellsComeInWithDroolsMeaningAndGoOutMergedAsXlsAndXlsx() throws Exception {
        RuleAsset payer = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv"))
                .findFirst().orElseThrow();
        byte[] merged;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(DecisionTableWorkbook.toXlsx(payer.text(), "t")));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.getSheetAt(0).addMergedRegion(new CellRangeAddress(6, 6, 1, 2));
            workbook.write(out);
            merged = out.toByteArray();
        }
        SpreadsheetImport.Imported imported = SpreadsheetImport.read("payer.drl.xlsx", merged);
        assertThat(imported.csv().lines().skip(6).findFirst().orElseThrow()).as("row 7, the patterns")
                .startsWith(",IopDetermination...,IopDetermination...,");
        for (byte[] exported : List.of(DecisionTableWorkbook.toXls(imported.csv(), "t"), DecisionTableWorkbook.toXlsx(imported.csv(), "t"))) {
            assertThat(SpreadsheetImport.withoutComments(SpreadsheetImport.read("out.drl.xls", exported).drl())).as("merged again on the way out")
                    .isEqualTo(SpreadsheetImport.withoutComments(imported.drl()));
        }
        assertThat(SpreadsheetImport.read("back.drl.xls", DecisionTableWorkbook.toXls(imported.csv(), "t")).csv())
                .as("the same merged marks come back").contains(",IopDetermination...,IopDetermination...,");
        assertThatThrownBy(() -> SpreadsheetImport.read("t.drl.xlsx", "not a workbook".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t.drl.xlsx: not a readable Excel workbook");
    }
    @Test
    void aTableGoesBackIntoTheXlsItCameInWithTheOtherSheetsAsTheyWere() throws Exception {
        RuleAsset payer = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv")).findFirst().orElseThrow();
        byte[] original;
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook(
                new ByteArrayInputStream(DecisionTableWorkbook.toXls(payer.text(), "Payer")));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var notes = workbook.createSheet("Contract notes");
            notes.createRow(0).createCell(0).setCellValue("Medicaid contract from 2027-01-01");
            notes.createRow(2).createCell(1).setCellFormula("6+3");
            // as Excel saves a formula: with its result
            workbook.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(notes.getRow(2).getCell(1));
            // one whose saved result is all export may use (evaluating a formula over a whole sheet would take minutes)
            notes.createRow(3).createCell(0).setCellFormula("SUM(A1:A3)");
            notes.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
            workbook.write(out);
            original = out.toByteArray();
        }
        String edited = payer.text().replace("ELIGIBLE,TRICARE,yes,no,6,", "ELIGIBLE,TRICARE,yes,no,7,");

        byte[] exported = DecisionTableWorkbook.intoWorkbook(original, edited);
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(new ByteArrayInputStream(exported))) {
            assertThat(workbook).as("an .xls stays .xls").isInstanceOf(org.apache.poi.hssf.usermodel.HSSFWorkbook.class);
            assertThat(workbook.getSheetName(0)).isEqualTo("Payer");
            var notes = workbook.getSheet("Contract notes");
            assertThat(notes.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Medicaid contract from 2027-01-01");
            assertThat(notes.getRow(2).getCell(1).getStringCellValue()).as("as it was shown").isEqualTo("9");
            assertThat(notes.getRow(3).getCell(0).getStringCellValue()).as("never evaluated here: no saved result").isEqualTo("0");
            assertThat(notes.getMergedRegions()).containsExactly(new CellRangeAddress(0, 0, 0, 3));
        }
        // the table as it is now, the rules as Drools reads them from the exported file
        SpreadsheetImport.Imported back = SpreadsheetImport.read("payer.drl.xls", exported);
        assertThat(SpreadsheetImport.withoutComments(back.drl())).isEqualTo(SpreadsheetImport.withoutComments(DecisionTableWorkbook.generatedDrl(edited)))
                .contains("insert(new PayerMinimumHours(7));");
        assertThat(back.notes()).singleElement().asString().startsWith("Sheet 'Contract notes' is not part of the rules");
        assertThatThrownBy(() -> DecisionTableWorkbook.intoWorkbook("not a workbook".getBytes(), edited))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The workbook the table came in is not readable");
    }
}
