package com.careplace.workbench.rules;

import com.careplace.placement.policy.RulePolicy;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyCheck;
import com.careplace.workbench.TricareMinimum;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table with a cell over several lines goes to Drools as a workbook; what the workbook would read otherwise than the
 * text the reviewer saw is written so that it reads the same, or refused where the author wrote it (found by review).
 */
class WorkbookCarryTest {

    private static String payer() {
        return BaselineAssets.load().stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst().orElseThrow().text();
    }

    /** A line break in the notes: enough to send the whole table to Drools as a workbook. */
    private static String overLines(String table) {
        String broken = table.replace("Decision table 3: payer requirements,", "Decision table 3:\npayer requirements,");
        assertThat(broken).isNotEqualTo(table);
        return broken;
    }

    private static String medicare(String table) {
        return GeneratedRules.of(table).stream().filter(r -> r.name().equals("Payer requirements: Medicare")).findFirst().orElseThrow().drl();
    }

    @Test
    void aMergedRunWhoseCellsDifferIsRefusedAtTheCellNotCompiledWithTheFirstCellsText() {
        String table = overLines(payer().replace("Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60",
                "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no...,yes...,9,60"));
        // What the workbook would have made of it: a merged region takes its first cell's text, "no" for both
        byte[] merged = DecisionTableWorkbook.toXlsx(table, "t");
        assertThat(new SpreadsheetCompiler().compile(new ByteArrayInputStream(merged), InputType.XLS))
                .contains("Answer.yes(\"no\")) { insert(PayerRequirement.of(PayerRequirementCode.PHYSICIAN_CERTIFICATION))");

        CompileResult result = new RuleCompiler().compile(LineBreakInCellTest.baselineWithPayerTable(table));
        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.cell().row()).isEqualTo(10);
            assertThat(p.cell().column()).isEqualTo("E");
            assertThat(p.message()).contains("must hold the same text as the first of their run ('no...')");
        });
    }

    @Test
    void anExcelEscapeInACellRunsAsWritten() {
        String table = overLines(payer()).replace("Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60",
                "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,_x0031_9");
        // POI reads _x0031_ in an .xlsx as "1": unescaped, 19 days would run where the reviewer saw "_x0031_9"
        assertThat(medicare(table)).contains("recertificationEvery(_x0031_9)").doesNotContain("recertificationEvery(19)");
    }

    @Test
    void aLoneCarriageReturnEndsARowForTheReviewerAsItDoesForDrools() {
        String table = payer().replace("Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60",
                "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60\rPayer requirements: Medicare 2,ELIGIBLE,MEDICARE,yes,yes,20,1");
        // Drools' reader ends a line at \r: two rules; the reviewer's reading must see both
        assertThat(new SpreadsheetCompiler().compile(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), InputType.CSV))
                .contains("Payer requirements: Medicare 2");
        assertThat(DecisionTableDraft.parse(table).tables().getFirst().rows()).anySatisfy(row ->
                assertThat(row.getFirst()).isEqualTo("Payer requirements: Medicare 2"));
    }

    @Test
    void strayQuotesInsideCellsStillEndWithTheirLine() {
        String table = payer().replace("Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60", "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60\"")
                .replace("ELIGIBLE,TRICARE,yes,no,6,", "ELIGIBLE,TRICARE,yes,no,6,\"");
        assertThat(DecisionTableSheet.parse(table).breaksLines()).as("no cell opened by a quote at its start").isFalse();
        assertThat(GeneratedRules.of(table)).extracting(GeneratedRules.Rule::name)
                .contains("Payer requirements: Medicaid", "Payer requirements: commercial");
    }

    @Test
    void aLongOpenCellIsReadInLinearTime() {
        // 20,000 lines inside one open quote: read once, not line by line again and again
        String table = payer() + "Notes,\"see below\n" + ("x".repeat(100) + "\n").repeat(20_000);
        long start = System.nanoTime();
        DecisionTableSheet.parse(table);
        org.slf4j.LoggerFactory.getLogger(WorkbookCarryTest.class).info("20,000 lines in an open quote read in {} ms",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(DecisionTableSheet.parse(table).rows()).hasSizeGreaterThan(20_000); // never closed: read as Drools reads it
    }

    @Test
    void theNodesVocabularyCheckReadsAWorkbookTableFromTheKjar() throws Exception {
        String table = LineBreakInCellTest.payerTableOverLines(LineBreakInCellTest.THREE_LINES);
        byte[] kjar = new RuleCompiler().kjar(LineBreakInCellTest.baselineWithPayerTable(table), "9.9.9");
        // What someone writing a release straight into the database could change: the table's payer
        DecisionTableWorkbook.DroolsSource tampered = DecisionTableWorkbook.forDrools(TricareMinimum.TABLE, table.replace(",MEDICARE,", ",NO_SUCH_PAYER,"));
        byte[] release = replace(kjar, tampered.path(), tampered.bytes());
        assertThat(RulePolicy.checkKjar(release)).isEmpty();
        Vocabulary vocabulary = Vocabulary.fromKjar(release);
        KieServices ks = KieServices.get();
        KieModule module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(release));
        assertThat(VocabularyCheck.check(module, vocabulary)).anySatisfy(v -> assertThat(v.code()).contains("NO_SUCH_PAYER"));
    }

    private static byte[] replace(byte[] kjar, String name, byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(kjar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(name) ? bytes : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
