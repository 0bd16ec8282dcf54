package com.careplace.workbench.rules;

import com.careplace.placement.EvaluationLimits;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;
import com.careplace.placement.vocabulary.InvalidVocabularyException;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyCheck;
import org.drools.drl.extensions.DecisionTableFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.io.Resource;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a change request's rule assets in place (no mainline build, nothing stored) and reports
 * every error where its author wrote it: DRL file, line and column; decision-table errors at the
 * table's row and column, never at the DRL Drools generated from the table. Every build goes through
 * {@link RulePolicy} before Drools compiles anything and again over what it compiled, so code the
 * policy refuses never runs (refusals are compile problems, located the same way).
 */
@Service
public class RuleCompiler {

    /** Read once from the bundled 1.0.0 kjar rather than copied here: one KieBase layout for every build. */
    private final String kmodule = BaselineAssets.kmodule();
    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):");
    private static final Pattern UNRESOLVED = Pattern.compile("(\\S+) cannot be resolved");
    private static final Pattern STRICT_MODE = Pattern.compile("\\[Error: ([^\\]]+?)]");
    private static final Pattern DRL_POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");
    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+\"(.*)\"");

    /**
     * Compiles {@code assets} as one rule set.
     *
     * @return problems located in the assets, or the compiled rules
     */
    public CompileResult compile(List<RuleAsset> assets) {
        long start = System.nanoTime();
        Map<String, RuleAsset> byPath = new java.util.HashMap<>(assets.stream().collect(Collectors.toMap(RuleAsset::path, Function.identity())));
        // A table Drools is given as a workbook is reported by Drools and the policy under that path: it is still the table.
        assets.stream().filter(a -> a.kind() == RuleAsset.Kind.DECISION_TABLE)
                .forEach(a -> byPath.putIfAbsent(DecisionTableWorkbook.asWorkbook(a.path()), a));
        Vocabulary vocabulary;
        try {
            vocabulary = RuleAsset.vocabulary(assets);
        } catch (InvalidVocabularyException e) {
            // The rules are written in the vocabulary's words: nothing is compiled until it reads.
            return new CompileResult(e.problems().stream().map(p -> new CompileProblem(p.path(), p.line() > 0 ? p.line() : null,
                    null, null, p.message())).toList(), Duration.ofNanos(System.nanoTime() - start), Optional.empty());
        }
        List<CompileProblem> cells = cellProblems(assets, vocabulary);
        // A cell its column does not take is said in the column's words; Drools' own message about that cell goes
        // (a rule-policy refusal stays: it says what the cell tried).
        java.util.function.Predicate<CompileProblem> elsewhere = p -> cells.stream().noneMatch(c -> c.asset().equals(p.asset())
                && p.cell() != null && c.cell().row() == p.cell().row() && c.cell().column().equals(p.cell().column()));
        CompileResult result = compile(assets, byPath, vocabulary, start, elsewhere);
        if (cells.isEmpty()) {
            return result;
        }
        result.rules().ifPresent(CompiledRules::close);
        List<CompileProblem> problems = new ArrayList<>(cells);
        problems.addAll(result.problems());
        return new CompileResult(problems, Duration.ofNanos(System.nanoTime() - start), Optional.empty());
    }

    /** Every decision-table cell holding a value its column does not take (a payer the vocabulary lacks, 200 hours …). */
    static List<CompileProblem> cellProblems(List<RuleAsset> assets, Vocabulary vocabulary) {
        List<CompileProblem> problems = new ArrayList<>();
        for (RuleAsset asset : assets) {
            if (asset.kind() == RuleAsset.Kind.DECISION_TABLE) {
                for (DecisionTableDraft.CellProblem cell : DecisionTableDraft.parse(asset.text()).cellProblems(vocabulary)) {
                    problems.add(new CompileProblem(asset.path(), null, null, new CompileProblem.TableCell(cell.row(),
                            DecisionTableSheet.columnLetter(cell.column()), cell.heading(), cell.value()), cell.message()));
                }
                for (DecisionTableWorkbook.CarryProblem cell : DecisionTableWorkbook.carryProblems(asset.text())) {
                    problems.add(new CompileProblem(asset.path(), null, null, new CompileProblem.TableCell(cell.row(),
                            DecisionTableSheet.columnLetter(cell.column()), "", cell.value()), "'" + cell.value() + "' is " + cell.message()));
                }
            }
        }
        return problems;
    }

    private CompileResult compile(List<RuleAsset> assets, Map<String, RuleAsset> byPath, Vocabulary vocabulary, long start,
                                  java.util.function.Predicate<CompileProblem> elsewhere) {
        // The policy first: nothing an author wrote reaches Drools' compilers (MVEL runs some at build time) unless allowed.
        List<PolicyViolation> refused = RulePolicy.checkSources(sources(assets));
        if (!refused.isEmpty()) {
            // Every problem at once: the files the policy let through are still compiled and checked, never run.
            Set<String> refusedFiles = refused.stream().map(PolicyViolation::source).collect(Collectors.toSet());
            List<RuleAsset> clean = assets.stream().filter(a -> !refusedFiles.contains(a.path())
                    && !refusedFiles.contains(DecisionTableWorkbook.asWorkbook(a.path()))).toList();
            List<CompileProblem> problems = new ArrayList<>(locate(refused, byPath));
            locate(VocabularyCheck.checkSources(sources(clean), vocabulary), byPath).stream().filter(elsewhere).forEach(problems::add);
            if (clean.stream().anyMatch(RuleAsset::isRuleSource)) {
                // its KieBase, if any, is dropped unused
                problems.addAll(problems(build(clean), byPath, elsewhere));
            }
            return new CompileResult(problems, Duration.ofNanos(System.nanoTime() - start), Optional.empty());
        }
        // Entries and fields the vocabulary lacks: Java would compile them and fail when the rule runs.
        List<PolicyViolation> unknown = VocabularyCheck.checkSources(sources(assets), vocabulary);
        Build build = build(assets);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (build.kieBase() == null || !unknown.isEmpty()) {
            List<CompileProblem> problems = new ArrayList<>(locate(unknown, byPath).stream().filter(elsewhere).toList());
            problems.addAll(problems(build, byPath, elsewhere));
            return new CompileResult(problems, took, Optional.empty());
        }
        return new CompileResult(List.of(), took, Optional.of(new CompiledRules(build.kieBase(),
                new PlacementEvaluator(build.kieBase(), EvaluationLimits.DEFAULT, vocabulary))));
    }

    /** A build's outcome: Drools' errors, the policy's findings in what compiled, or a KieBase no session was made of. */
    private record Build(List<Message> errors, List<PolicyViolation> refused, KieBase kieBase) {
    }

    private Build build(List<RuleAsset> assets) {
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        files.writeKModuleXML(kmodule);
        sources(assets, RuleAsset::isInKjar).forEach((path, bytes) -> files.write("src/main/resources/" + path, bytes));
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                return new Build(errors, List.of(), null);
            }
            // Then what compiled, before any KieBase or session exists.
            List<PolicyViolation> compiled = RulePolicy.checkCompiled(builder.getKieModule());
            if (!compiled.isEmpty()) {
                return new Build(List.of(), compiled, null);
            }
            return new Build(List.of(), List.of(), ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase());
        });
    }

    /** Policy refusals in what compiled, then Drools' errors except those about a cell already reported. */
    private List<CompileProblem> problems(Build build, Map<String, RuleAsset> byPath, java.util.function.Predicate<CompileProblem> elsewhere) {
        List<CompileProblem> problems = new ArrayList<>(locate(build.refused(), byPath));
        for (Message error : build.errors()) {
            locate(error, byPath.get(stripResourceRoot(error.getPath()))).stream().filter(elsewhere).forEach(problems::add);
        }
        return problems;
    }

    /**
     * Builds a genuine kjar ({@code com.careplace:rules-kjar:<version>}) from rule sources that compile:
     * what a release stores and any Drools 10 application can load.
     *
     * @throws IllegalArgumentException when the sources do not compile
     */
    public byte[] kjar(List<RuleAsset> assets, String version) {
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem()
                .generateAndWritePomXML(ks.newReleaseId("com.careplace", "rules-kjar", version));
        files.writeKModuleXML(kmodule);
        sources(assets, RuleAsset::isInKjar).forEach((path, bytes) -> files.write("src/main/resources/" + path, bytes));
        List<PolicyViolation> refused = RulePolicy.checkSources(sources(assets));
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("The rules break the rule policy: " + refused);
        }
        List<PolicyViolation> unknown = VocabularyCheck.checkSources(sources(assets), RuleAsset.vocabulary(assets));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The rules name what the vocabulary lacks: " + unknown);
        }
        List<CompileProblem> cells = cellProblems(assets, RuleAsset.vocabulary(assets));
        if (!cells.isEmpty()) {
            throw new IllegalArgumentException("The decision tables hold values their columns do not take: "
                    + cells.stream().map(p -> p.where() + ": " + p.message()).toList());
        }
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            if (builder.getResults().hasMessages(Message.Level.ERROR)) {
                throw new IllegalArgumentException("The rules do not compile: " + builder.getResults().getMessages(Message.Level.ERROR));
            }
            List<PolicyViolation> compiled = RulePolicy.checkCompiled(builder.getKieModule());
            if (!compiled.isEmpty()) {
                throw new IllegalArgumentException("The rules break the rule policy: " + compiled);
            }
            return RuleCompilation.kjarBytes(builder.getKieModule());
        });
    }

    /** The rule sources as Drools is given them (a table whose cells break lines as a workbook). */
    private static Map<String, byte[]> sources(List<RuleAsset> assets) {
        return sources(assets, RuleAsset::isRuleSource);
    }

    private static Map<String, byte[]> sources(List<RuleAsset> assets, java.util.function.Predicate<RuleAsset> which) {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        assets.stream().filter(which).map(RuleAsset::forDrools).forEach(source -> sources.put(source.path(), source.bytes()));
        return sources;
    }

    /** Policy refusals where the author wrote them: DRL line and column, or the table's row, column and heading. */
    private static List<CompileProblem> locate(List<PolicyViolation> violations, Map<String, RuleAsset> byPath) {
        List<CompileProblem> problems = new ArrayList<>();
        for (PolicyViolation violation : violations) {
            RuleAsset asset = byPath.get(violation.source());
            String path = asset == null ? violation.source() : asset.path();
            if (asset != null && asset.kind() == RuleAsset.Kind.DECISION_TABLE) {
                CompileProblem.TableCell cell = DecisionTableSheet.parse(asset.text())
                        .cellWriting(violation.rule(), violation.code()).orElse(null);
                String where = cell == null || cell.value().isEmpty() ? "" : "'" + cell.value() + "' in " + cell.heading() + ": ";
                problems.add(new CompileProblem(path, null, null, cell, where + violation.message()));
            } else {
                problems.add(new CompileProblem(path, violation.line() > 0 ? violation.line() : null,
                        violation.column() > 0 ? violation.column() : null, null, violation.message()));
            }
        }
        return problems;
    }

    private static String stripResourceRoot(String path) {
        return path == null ? "" : path.replaceFirst("^src/main/resources/", "");
    }

    private List<CompileProblem> locate(Message error, RuleAsset asset) {
        String text = error.getText();
        if (asset == null) {
            return List.of(new CompileProblem(stripResourceRoot(error.getPath()), null, null, null, summary(text)));
        }
        if (asset.kind() == RuleAsset.Kind.DECISION_TABLE) {
            return locateInTable(asset, text);
        }
        Integer line = error.getLine() > 0 ? error.getLine() : null;
        Integer column = error.getColumn() > 0 ? error.getColumn() : null;
        Matcher position = DRL_POSITION.matcher(text);
        if (position.find()) {
            line = Integer.parseInt(position.group(1));
            column = Integer.parseInt(position.group(2)) + 1; // Drools counts columns from 0 here
        }
        return List.of(new CompileProblem(asset.path(), line, column, null, summary(text)));
    }

    /** Finds the generated rules the error is about, then the row and the cell that produced the offending code. */
    private List<CompileProblem> locateInTable(RuleAsset table, String text) {
        String culprit = culprit(text);
        DecisionTableSheet sheet = DecisionTableSheet.parse(table.text());
        List<CompileProblem> problems = new ArrayList<>();
        if (culprit != null) {
            for (String rule : rulesContaining(generatedDrl(table), culprit)) {
                sheet.rowOfRule(rule).ifPresent(row -> {
                    CompileProblem.TableCell cell = row.cellExplaining(culprit)
                            .map(i -> new CompileProblem.TableCell(row.row(), DecisionTableSheet.columnLetter(i),
                                    row.heading(i), row.cells().get(i).strip()))
                            .orElse(new CompileProblem.TableCell(row.row(), "", "", ""));
                    String where = cell.value().isEmpty() ? "This row" : "'" + cell.value() + "' in " + cell.heading();
                    problems.add(new CompileProblem(table.path(), null, null, cell, where + " does not compile: " + detail(text, culprit)));
                });
            }
        }
        if (problems.isEmpty()) {
            problems.add(new CompileProblem(table.path(), null, null, null, summary(text)));
        }
        return problems;
    }

    /** The code Drools could not compile, as it appears in the generated rule. */
    private static String culprit(String text) {
        Matcher expression = EXPRESSION.matcher(text);
        if (expression.find()) {
            return expression.group(1).strip();
        }
        Matcher unresolved = UNRESOLVED.matcher(text);
        return unresolved.find() ? unresolved.group(1) : null;
    }

    private static String detail(String text, String culprit) {
        Matcher strict = STRICT_MODE.matcher(text);
        if (strict.find()) {
            // "unable to resolve method using strict-mode: com.careplace.placement.Payer.MEDICAD()" -> "cannot resolve Payer.MEDICAD"
            String target = strict.group(1).replaceFirst(".*: ", "").replaceAll("\\(\\)$", "");
            String[] parts = target.split("\\.");
            String simple = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : target;
            return "cannot resolve " + simple + " (in `" + culprit + "`)";
        }
        return summary(text);
    }

    /** Drools' first line, without the generated-code context that follows it. */
    private static String summary(String text) {
        String first = text.strip().lines().findFirst().orElse(text).strip();
        Matcher strict = STRICT_MODE.matcher(text);
        return strict.find() && !first.contains(strict.group(1)) ? first + " — " + strict.group(1) : first;
    }

    private static String generatedDrl(RuleAsset table) {
        DecisionTableWorkbook.DroolsSource source = table.forDrools();
        DecisionTableConfiguration configuration = KnowledgeBuilderFactory.newDecisionTableConfiguration();
        configuration.setInputType(source.path().endsWith(".drl.csv") ? DecisionTableInputType.CSV : DecisionTableInputType.XLS);
        // No source path: Drools' JVM-wide table cache is keyed by it, and this must be this table's DRL.
        Resource resource = ResourceFactory.newByteArrayResource(source.bytes());
        return DecisionTableFactory.loadFromResource(resource, configuration);
    }

    private static List<String> rulesContaining(String drl, String code) {
        List<String> rules = new ArrayList<>();
        String current = null;
        for (String line : drl.lines().toList()) {
            Matcher header = RULE_HEADER.matcher(line);
            if (header.find()) {
                current = header.group(1);
            } else if (current != null && line.contains(code) && !rules.contains(current)) {
                rules.add(current);
            }
        }
        return rules;
    }
}
