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
        Set<String> names = new TreeSet<>();
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
                    parsed.getRules().stream().map(RuleDescr::getName).forEach(names::add);
                }
            } catch (DroolsParserException e) {
                // a file that does not parse defines no rule here; Check reports it
            }
        }
        return names;
    }
}
