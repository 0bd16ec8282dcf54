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
}
