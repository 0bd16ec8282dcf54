package com.careplace.workbench.rules;

import com.careplace.placement.policy.RulePolicy;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the rules a set of assets defines, read by Drools' parser (decision tables expanded as the
 * build expands them), nothing compiled or run: what "a new rule" means in a review.
 */
public final class RuleNames {

    private RuleNames() {
    }

    /** Every rule name the assets' DRL files and decision tables define; sources that do not parse add none. */
    public static Set<String> of(List<RuleAsset> assets) {
        return new TreeSet<>(texts(assets).keySet());
    }

    /** The rules {@code after} defines that {@code before} does not, or defines otherwise (their DRL differs). */
    public static Set<String> changed(List<RuleAsset> before, List<RuleAsset> after) {
        java.util.Map<String, String> was = texts(before);
        Set<String> changed = new TreeSet<>();
        texts(after).forEach((name, text) -> {
            if (!text.equals(was.get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** Each rule's DRL (for a table, as generated), by name. */
    private static java.util.Map<String, String> texts(List<RuleAsset> assets) {
        java.util.Map<String, String> names = new java.util.TreeMap<>();
        for (RuleAsset asset : assets) {
            if (!asset.isRuleSource()) {
                continue;
            }
            DecisionTableWorkbook.DroolsSource source = asset.forDrools();
            String drl = asset.path().endsWith(".drl") ? asset.text() : RulePolicy.expandTable(source.path(), source.bytes());
            if (drl == null) {
                continue;
            }
            try {
                PackageDescr parsed = new DrlParser().parse(false, drl);
                if (parsed != null) {
                    for (RuleDescr rule : parsed.getRules()) {
                        int from = Math.max(0, rule.getStartCharacter());
                        int to = rule.getEndCharacter() > from ? Math.min(drl.length(), rule.getEndCharacter() + 1) : drl.length();
                        names.put(rule.getName(), drl.substring(from, to).strip());
                    }
                }
            } catch (DroolsParserException e) {
                // a file that does not parse defines no rule here; Check reports it
            }
        }
        return names;
    }
}
