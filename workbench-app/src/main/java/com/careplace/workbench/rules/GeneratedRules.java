package com.careplace.workbench.rules;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DRL Drools generates from a decision table, rule by rule, each with the sheet row it came from: what
 * the "Generated rules" view shows beside the grid. Generating is text templating only; nothing is compiled.
 */
public final class GeneratedRules {

    /** Drools writes {@code // rule values at A10, header at A5} above each rule it generates. */
    private static final Pattern FROM_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+),");
    private static final Pattern NAME = Pattern.compile("^rule \"(.*)\"");

    private GeneratedRules() {
    }

    /**
     * One generated rule.
     *
     * @param sheetRow the 1-based sheet row of its values
     * @param name     the rule's name
     * @param drl      its DRL, from {@code rule} to {@code end}
     */
    public record Rule(int sheetRow, String name, String drl) {
    }

    /**
     * The table's rules in the order Drools generates them.
     *
     * @throws IllegalArgumentException with Drools' reason when the table cannot be read
     */
    public static List<Rule> of(String csv) {
        String drl;
        try {
            drl = DecisionTableWorkbook.generatedDrl(csv);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Drools cannot read this table yet: " + e.getMessage(), e);
        }
        List<Rule> rules = new ArrayList<>();
        int row = 0;
        String name = null;
        StringBuilder block = null;
        for (String line : drl.split("\n", -1)) {
            Matcher from = FROM_ROW.matcher(line.strip());
            Matcher named = NAME.matcher(line.strip());
            if (from.find()) {
                row = Integer.parseInt(from.group(1));
            } else if (block == null && named.find()) {
                name = named.group(1);
                block = new StringBuilder();
            }
            if (block != null) {
                block.append(line).append('\n');
                if (line.strip().equals("end")) {
                    rules.add(new Rule(row, name, block.toString()));
                    block = null;
                }
            }
        }
        return rules;
    }
}
