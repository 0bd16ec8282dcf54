package com.careplace.workbench.rules;

import com.careplace.workbench.rules.TableDiff.ColumnChange;
import com.careplace.workbench.rules.TableDiff.Kind;
import com.careplace.workbench.rules.TableDiff.Part;
import com.careplace.workbench.rules.TableDiff.PartChange;
import com.careplace.workbench.rules.TableDiff.RowMove;
import com.careplace.workbench.rules.TableDiff.SettingChange;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Reviewers see every part of a decision-table change: rule set settings, columns, rules cell by cell,
 * and firing order; what the structure cannot say comes as the sheet's text diff. The inputs are the real
 * 1.0.0 tables. "Before" notes say what the old rule-rows-only diff showed for the same change.
 */
class TableDiffTest {

    private final String payer = table("payer-requirements.drl.csv");
    private final String dimensions = table("dimension-levels.drl.csv");
    private final String diagnoses = table("diagnosis-categories.drl.csv");

    private static String table(String name) {
        return BaselineAssets.ruleSources().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().text();
    }

    @Test
    void changedCellsAddedAndRemovedRows() {
        String edited = payer
                .replace("Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,6,", "Payer requirements: TRICARE,ELIGIBLE,TRICARE,no,no,7,")
                .replace("Payer requirements: self-pay,ELIGIBLE,SELF_PAY,no,no,,\n", "")
                + "Payer requirements: VA,ELIGIBLE,VA,yes,no,,\n";
        TableDiff diff = TableDiff.between(payer, edited);
        assertThat(diff.rows()).extracting(TableDiff.RowChange::kind, TableDiff.RowChange::rule).containsExactly(
                tuple(Kind.CHANGED, "Payer requirements: TRICARE"),
                tuple(Kind.REMOVED, "Payer requirements: self-pay"),
                tuple(Kind.ADDED, "Payer requirements: VA"));
        assertThat(diff.rows().getFirst().cells()).containsExactly(
                new TableDiff.CellChange("D", "Prior authorization", "yes", "no"),
                new TableDiff.CellChange("F", "Payer minimum hours/week", "6", "7"));
        assertThat(diff.rows().getFirst().oldRow()).isEqualTo(13);
        assertThat(diff.rows().get(2).cells()).extracting(TableDiff.CellChange::after).contains("VA", "yes");
        // Removing self-pay and appending VA moves no remaining rule.
        assertThat(diff.settings()).isEmpty();
        assertThat(diff.columns()).isEmpty();
        assertThat(diff.order()).isEmpty();
        assertThat(diff.text()).isEmpty();
    }

    /** Before: reordering was "no change" (this test asserted it), though row order is firing order. */
    @Test
    void reorderingRowsChangesNoRuleButMovesItInTheFiringOrder() {
        String medicare = "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60\n";
        String reordered = payer.replace(medicare, "") + medicare;
        TableDiff diff = TableDiff.between(payer, reordered);
        assertThat(diff.rows()).as("no rule's content changed").isEmpty();
        assertThat(diff.order()).containsExactly(new RowMove("Payer requirements: Medicare", 1, 5));
        assertThat(diff.text()).isEmpty();
    }

    /** Before: nothing (rows only). One rule moved two places down, another renamed and moved up. */
    @Test
    void rowOrderOfTheDimensionTable() {
        String d1r2 = "D1 withdrawal rated 2: minimum level 2.1,D1,2,2.1\n";
        String d1r4 = "D1 withdrawal rated 4: minimum level 4,D1,4,4\n";
        String moved = dimensions.replace(d1r2, "").replace(d1r4, d1r4 + d1r2)
                .replace("D6 recovery environment rated 4: minimum level 3.5,D6,4,3.5\n", "")
                .replace("D6 recovery environment rated 0:", "D6 recovery environment (rating 4): level 3.5,D6,4,3.5\nD6 recovery environment rated 0:");
        TableDiff diff = TableDiff.between(dimensions, moved);
        assertThat(diff.order()).containsExactly(
                new RowMove("D1 withdrawal rated 2: minimum level 2.1", 3, 5),
                new RowMove("D6 recovery environment (rating 4): level 3.5", 30, 26));
        // Renamed: paired by its cells, so one changed rule rather than one removed and one added.
        assertThat(diff.rows()).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo(Kind.CHANGED);
            assertThat(row.oldRow()).isEqualTo(39);
            assertThat(row.newRow()).isEqualTo(35);
            assertThat(row.cells()).containsExactly(new TableDiff.CellChange("A", "Rule",
                    "D6 recovery environment rated 4: minimum level 3.5", "D6 recovery environment (rating 4): level 3.5"));
        });
        assertThat(diff.text()).isEmpty();
    }

    /** Before: "No rule row changed" (the RuleSet row is above the table). */
    @Test
    void ruleSetName() {
        TableDiff diff = TableDiff.between(diagnoses, diagnoses.replace("RuleSet,com.careplace.rules\n", "RuleSet,com.careplace.rules.v2\n"));
        assertThat(diff.settings()).containsExactly(new SettingChange(Kind.CHANGED, "RuleSet", "com.careplace.rules", "com.careplace.rules.v2"));
        assertOnly(diff, "settings");
    }

    /** Before: "No rule row changed". */
    @Test
    void importChanged() {
        String imports = "\"com.careplace.placement.*, com.careplace.placement.facts.*\"";
        TableDiff diff = TableDiff.between(dimensions, dimensions.replace("Import," + imports,
                "Import,\"com.careplace.placement.*, com.careplace.placement.facts.*, java.util.List\""));
        assertThat(diff.settings()).containsExactly(new SettingChange(Kind.CHANGED, "Import",
                "com.careplace.placement.*, com.careplace.placement.facts.*",
                "com.careplace.placement.*, com.careplace.placement.facts.*, java.util.List"));
        assertOnly(diff, "settings");
    }

    /** Before: "No rule row changed". Drools does not read Notes, reviewers do. */
    @Test
    void notesChanged() {
        TableDiff diff = TableDiff.between(payer, payer.replace("An empty cell means the payer sets no such requirement.",
                "An empty cell means the payer requires it."));
        assertThat(diff.settings()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Kind.CHANGED);
            assertThat(change.keyword()).isEqualTo("Notes");
            assertThat(change.before()).endsWith("sets no such requirement.");
            assertThat(change.after()).endsWith("the payer requires it.");
        });
        assertOnly(diff, "settings");
    }

    /** Before: "No rule row changed" (a new global is invisible). */
    @Test
    void variablesAddedAndRemoved() {
        String withGlobal = payer.replace("\nNotes,", "\nVariables,java.util.List auditLog\nNotes,");
        assertThat(TableDiff.between(payer, withGlobal).settings())
                .containsExactly(new SettingChange(Kind.ADDED, "Variables", "", "java.util.List auditLog"));
        assertThat(TableDiff.between(withGlobal, payer).settings())
                .containsExactly(new SettingChange(Kind.REMOVED, "Variables", "java.util.List auditLog", ""));
        assertOnly(TableDiff.between(payer, withGlobal), "settings");
    }

    /** Before: "No rule row changed", though a function's body decides what rules calling it do. */
    @Test
    void functionsChanged() {
        String v1 = diagnoses.replace("\nNotes,", "\nFunctions,\"function boolean adult(int age) { return age >= 18; }\"\nNotes,");
        String v2 = v1.replace("age >= 18", "age >= 21");
        TableDiff diff = TableDiff.between(v1, v2);
        assertThat(diff.settings()).containsExactly(new SettingChange(Kind.CHANGED, "Functions",
                "function boolean adult(int age) { return age >= 18; }", "function boolean adult(int age) { return age >= 21; }"));
        assertOnly(diff, "settings");
    }

    /** Before: "No rule row changed" — a condition column turned into an action. */
    @Test
    void conditionHeaderChanged() {
        TableDiff diff = TableDiff.between(dimensions, dimensions.replace("NAME,CONDITION,CONDITION,ACTION", "NAME,CONDITION,ACTION,ACTION"));
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.CHANGED, "Rating", "C", "C", false,
                List.of(new PartChange(Part.HEADER, "CONDITION", "ACTION"))));
        assertOnly(diff, "columns");
    }

    /** Before: "No rule row changed" — the case this work is for: every rule's action changes with one cell. */
    @Test
    void actionCodeRowChanged() {
        TableDiff diff = TableDiff.between(payer, payer.replace("insert(new PayerMinimumHours($param));", "insert(new PayerMinimumHours($param + 2));"));
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.CHANGED, "Payer minimum hours/week", "F", "F", false,
                List.of(new PartChange(Part.CODE, "insert(new PayerMinimumHours($param));", "insert(new PayerMinimumHours($param + 2));"))));
        assertOnly(diff, "columns");
    }

    /** Before: "No rule row changed". An action code change brought in by an .xlsx import is shown the same way. */
    @Test
    void actionCodeBroughtInByAnXlsxImport() throws Exception {
        byte[] exported = DecisionTableWorkbook.toXlsx(payer, "Payer requirements");
        byte[] edited;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(exported)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // Row 8, column G: the code under "Recertify every (days)".
            workbook.getSheetAt(0).getRow(7).getCell(6).setCellValue("insert(PayerRequirement.recertificationEvery($param * 2));");
            workbook.write(out);
            edited = out.toByteArray();
        }
        TableDiff diff = TableDiff.between(payer, SpreadsheetImport.read("t.drl.xlsx", edited).csv());
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.CHANGED, "Recertify every (days)", "G", "G", false,
                List.of(new PartChange(Part.CODE, "insert(PayerRequirement.recertificationEvery($param));",
                        "insert(PayerRequirement.recertificationEvery($param * 2));"))));
        assertOnly(diff, "columns");
        assertThat(TableDiff.between(payer, SpreadsheetImport.read("t.drl.xlsx", exported).csv()).columns()).as("a plain round trip").isEmpty();
    }

    /** Before: "No rule row changed" — the condition now constrains the assessment it matches. */
    @Test
    void patternRowChanged() {
        TableDiff diff = TableDiff.between(payer, payer.replace("\n,IopDetermination,Assessment,", "\n,IopDetermination,Assessment(age >= 12),"));
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.CHANGED, "Payer", "C", "C", false,
                List.of(new PartChange(Part.PATTERN, "Assessment", "Assessment(age >= 12)"))));
        assertOnly(diff, "columns");
    }

    /** Before: "No rule row changed". Paired by its code, the column is renamed, not removed and added. */
    @Test
    void columnTitleChanged() {
        TableDiff diff = TableDiff.between(payer, payer.replace(",Payer minimum hours/week,", ",Minimum hours a week,"));
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.CHANGED, "Minimum hours a week", "F", "F", false,
                List.of(new PartChange(Part.TITLE, "Payer minimum hours/week", "Minimum hours a week"))));
        assertOnly(diff, "columns");
    }

    /**
     * Before: no column, and every rule "changed" in columns D to H, because cells were compared by position
     * and everything right of the new column had shifted. Now: one added column, one rule with a value in it.
     */
    @Test
    void addedColumn() {
        String edited = edit(payer, rows -> {
            List<String> values = List.of("CONDITION", "Assessment", "age >= $param", "Minimum age", "", "", "", "13", "");
            for (int r = 5; r < 14; r++) {
                rows.get(r).add(3, values.get(r - 5));
            }
        });
        TableDiff diff = TableDiff.between(payer, edited);
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.ADDED, "Minimum age", "", "D", false, List.of(
                new PartChange(Part.HEADER, "", "CONDITION"), new PartChange(Part.PATTERN, "", "Assessment"),
                new PartChange(Part.CODE, "", "age >= $param"), new PartChange(Part.TITLE, "", "Minimum age"))));
        assertThat(diff.rows()).singleElement().satisfies(row -> {
            assertThat(row.rule()).isEqualTo("Payer requirements: TRICARE");
            assertThat(row.cells()).containsExactly(new TableDiff.CellChange("D", "Minimum age", "", "13"));
        });
        assertThat(diff.order()).isEmpty();
        assertThat(diff.text()).isEmpty();
    }

    /** Before: every rule "changed" from E onwards (shifted cells). Now: one removed column, each rule's lost value. */
    @Test
    void removedColumn() {
        String edited = edit(payer, rows -> rows.subList(5, 14).forEach(row -> row.remove(4)));
        TableDiff diff = TableDiff.between(payer, edited);
        assertThat(diff.columns()).singleElement().satisfies(column -> {
            assertThat(column.kind()).isEqualTo(Kind.REMOVED);
            assertThat(column.title()).isEqualTo("Physician certification");
            assertThat(column.oldColumn()).isEqualTo("E");
            assertThat(column.parts()).extracting(PartChange::part, PartChange::before).contains(tuple(Part.HEADER, "ACTION"),
                    tuple(Part.TITLE, "Physician certification"));
        });
        assertThat(diff.rows()).hasSize(5).allSatisfy(row -> assertThat(row.cells()).singleElement()
                .satisfies(cell -> assertThat(cell.heading()).isEqualTo("Physician certification")));
        assertThat(diff.rows().getFirst().cells().getFirst()).isEqualTo(new TableDiff.CellChange("E", "Physician certification", "yes", ""));
    }

    /**
     * Before: every rule "changed" in D to G, the moved column's values read against other columns' headings.
     * Now: the one column that moved, and no rule changed (its cells moved with it).
     */
    @Test
    void movedColumn() {
        String edited = edit(payer, rows -> rows.subList(5, 14).forEach(row -> row.add(row.remove(3))));
        TableDiff diff = TableDiff.between(payer, edited);
        assertThat(diff.columns()).containsExactly(new ColumnChange(Kind.MOVED, "Prior authorization", "D", "G", true, List.of()));
        assertOnly(diff, "columns");
    }

    /**
     * Keyword rows below the table are read by Drools too: not modelled, so the sheet's text diff is asked for.
     * Before: "No rule row changed"; with a rule change as well, only the rule change.
     */
    @Test
    void textOutsideTheTableFallsBackToTheTextDiff() {
        TableDiff diff = TableDiff.between(payer, payer + ",,,,,,\nImport,java.util.*\n");
        assertThat(diff.text()).hasValueSatisfying(why -> assertThat(why).startsWith("Text outside the rule table changed"));
        assertThat(diff.isEmpty()).isFalse();

        TableDiff withRuleChange = TableDiff.between(payer, payer.replace(",TRICARE,yes,no,6,", ",TRICARE,yes,no,7,") + "\nImport,java.util.*\n");
        assertThat(withRuleChange.rows()).hasSize(1);
        assertThat(withRuleChange.text()).as("the structured part does not hide the rest").isPresent();
    }

    /** Before: the second table's rule showed as one added rule and nothing else; an unreadable old sheet, every rule added. */
    @Test
    void aSecondRuleTableOrNoTableFallsBackToTheTextDiff() {
        String second = payer + "\nRuleTable More,,,,,,\nNAME,CONDITION,,,,,\n,Assessment,,,,,\n,age > $param,,,,,\nRule,Age,,,,,\nOld,65,,,,,\n";
        assertThat(TableDiff.between(payer, second)).satisfies(diff -> {
            assertThat(diff.text()).hasValue("The new version cannot be read as one decision table: it has more than one RuleTable (rows 5 and 16).");
            assertThat(diff.rows()).isEmpty();
        });
        assertThat(TableDiff.between("not a table", payer).text())
                .hasValue("The old version cannot be read as one decision table: it has no RuleTable.");
        assertThat(TableDiff.between(payer, payer + "\"an unterminated, quote\n\"\"\"").isEmpty()).isFalse();
    }

    /** Before and now: nothing Drools reads changed. Now the reviewer still sees that the text changed, and where. */
    @Test
    void changesTheTableCannotShowFallBackToTheTextDiffAndOnlyIdenticalTextsShowNothing() {
        assertThat(TableDiff.between(payer, payer).isEmpty()).isTrue();
        assertThat(TableDiff.between(payer, payer.replace(",ELIGIBLE,MEDICARE,", ", ELIGIBLE ,MEDICARE,")).text())
                .hasValue("The table view finds no change; the texts still differ (spacing, quoting, empty cells or blank rows).");
        assertThat(TableDiff.between(payer, payer.replace("\n", "\r\n")).text()).hasValue("Only line endings differ.");
    }

    /** The guarantee: no edit of any cell of any real table goes unseen, and every filled cell's edit is shown in place. */
    @Test
    void everyCellEditOfEveryBaselineTableIsShown() {
        for (String sheet : List.of(payer, dimensions, diagnoses)) {
            List<List<String>> rows = DecisionTableSheet.parse(sheet).rows();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    int row = r;
                    int column = c;
                    boolean filled = !rows.get(r).get(c).isBlank();
                    TableDiff diff = TableDiff.between(sheet, edit(sheet, grid -> grid.get(row).set(column, grid.get(row).get(column) + "X")));
                    assertThat(diff.isEmpty()).as("row %d column %d", r + 1, c + 1).isFalse();
                    if (filled) {
                        assertThat(diff.text()).as("row %d column %d is shown without the text diff", r + 1, c + 1).isEmpty();
                    }
                }
            }
            // Every line removed, every two lines swapped: never an empty diff either.
            List<String> lines = List.of(sheet.split("\n", -1));
            for (int i = 0; i + 1 < lines.size(); i++) {
                List<String> without = new ArrayList<>(lines);
                without.remove(i);
                List<String> swapped = new ArrayList<>(lines);
                swapped.set(i, lines.get(i + 1));
                swapped.set(i + 1, lines.get(i));
                assertThat(TableDiff.between(sheet, String.join("\n", without)).isEmpty()).isFalse();
                assertThat(TableDiff.between(sheet, String.join("\n", swapped)).isEmpty()).isEqualTo(lines.get(i).equals(lines.get(i + 1)));
            }
        }
    }

    /** Asserts that only the named part of the diff has changes, and that no text diff is needed. */
    private static void assertOnly(TableDiff diff, String part) {
        assertThat(diff.settings().isEmpty()).as("settings").isEqualTo(!part.equals("settings"));
        assertThat(diff.columns().isEmpty()).as("columns").isEqualTo(!part.equals("columns"));
        assertThat(diff.rows().isEmpty()).as("rows").isEqualTo(!part.equals("rows"));
        assertThat(diff.order()).as("order").isEmpty();
        assertThat(diff.text()).as("text").isEmpty();
    }

    /** The sheet with its grid edited, written back as Drools CSV. */
    private static String edit(String csv, Consumer<List<List<String>>> change) {
        List<List<String>> rows = DecisionTableSheet.parse(csv).rows();
        change.accept(rows);
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            lines.add(String.join(",", row.stream().map(cell -> cell.contains(",") || cell.contains("\"") || !cell.equals(cell.strip())
                    ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell).toList()));
        }
        return String.join("\n", lines);
    }
}
