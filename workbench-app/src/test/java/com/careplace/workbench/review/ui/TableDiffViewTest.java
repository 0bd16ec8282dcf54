package com.careplace.workbench.review.ui;

import com.careplace.workbench.rules.BaselineAssets;
import com.careplace.workbench.rules.TableDiff;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The review screen's table diff has a section for each part of the sheet that changed, with old and new values. */
class TableDiffViewTest {

    private static final String PAYER = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv"))
            .findFirst().orElseThrow().text();
    private static final String MEDICARE = "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60\n";

    private static Component view(String after) {
        return AssetDiff.of("com/careplace/rules/payer-requirements.drl.csv", PAYER, after);
    }

    private static List<String> texts(Component view, String className) {
        return descendants(view.getElement()).filter(e -> e.getClassList().contains(className)).map(Element::getTextRecursively).toList();
    }

    private static Stream<Element> descendants(Element element) {
        // Elements only: text nodes have neither tag nor classes.
        return Stream.concat(Stream.of(element), element.getChildren().filter(e -> !e.isTextNode()).flatMap(TableDiffViewTest::descendants));
    }

    @Test
    void codeRowMovedRuleAndSettingEachHaveTheirSection() {
        String after = PAYER.replace("insert(new PayerMinimumHours($param));", "insert(new PayerMinimumHours(Math.abs($param)));")
                .replace(MEDICARE, "") + MEDICARE;
        after = after.replace("RuleSet,com.careplace.rules", "RuleSet,com.careplace.rules.payers");
        Component view = view(after);
        assertThat(descendants(view.getElement()).filter(e -> e.getTag().equals("h4")).map(Element::getText))
                .containsExactly("Rule set settings", "Columns", "Order");
        assertThat(texts(view, "setting-change")).containsExactly("changed RuleSet: com.careplace.rules → com.careplace.rules.payers");
        assertThat(texts(view, "column-change")).singleElement().satisfies(text -> assertThat(text)
                .startsWith("changed Payer minimum hours/week column 6")
                .contains("Code: insert(new PayerMinimumHours($param)); → insert(new PayerMinimumHours(Math.abs($param)));"));
        assertThat(texts(view, "row-move")).containsExactly("moved Payer requirements: Medicare moved from position 1 to 5");
    }

    @Test
    void aMovedColumnNamesItsTitleFirstAndItsLettersAfter() {
        String after = String.join("\n", PAYER.lines().map(line -> {
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
            if (cells.size() == 7) {
                cells.add(cells.remove(3));
            }
            return String.join(",", cells);
        }).toList()) + "\n";
        assertThat(TableDiff.between(PAYER, after).rows()).isEmpty();
        assertThat(texts(view(after), "column-change")).containsExactly("moved Prior authorization moved from column 4 to 7");
    }

    @Test
    void whatTheTableCannotShowComesAsTheSheetsTextAndIdenticalTablesSayNoChange() {
        Component view = view(PAYER + "\nImport,java.util.*\n");
        assertThat(descendants(view.getElement()).filter(e -> e.getTag().equals("h4")).map(Element::getText)).containsExactly("Sheet text");
        assertThat(texts(view, "diff-note")).singleElement().satisfies(text -> assertThat(text).startsWith("Text outside the rule table changed"));
        assertThat(texts(view, "added")).contains("Import,java.util.*");

        assertThat(view(PAYER).getElement().getTextRecursively()).isEqualTo("No change to the table.");
    }

    @Test
    void ruleRowsReadAsBeforeWithTheColumnTitleFirst() {
        Component view = view(PAYER.replace(",TRICARE,yes,no,6,", ",TRICARE,yes,no,7,"));
        assertThat(texts(view, "rule-name")).containsExactly(" Payer requirements: TRICARE (rule 4)");
        assertThat(texts(view, "cell-change")).containsExactly("Payer minimum hours/week: 6 → 7");
    }
}
