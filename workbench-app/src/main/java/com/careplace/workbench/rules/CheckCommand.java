package com.careplace.workbench.rules;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.scenario.ScenarioResult;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.scenario.SuiteReport;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./careplace check RULES_DIR [SUITES_DIR]}: checks a folder of rule assets exactly as the
 * workbench's Check does (compile, rule policy, every scenario suite, coverage) for teams that keep
 * their rules in git and run this in their own CI. One line per problem, in the format compilers use
 * ({@code file:line[:column]: error: message}; for tables {@code file row N, column X (Heading): error: message});
 * exit 1 on any error, 0 when clean, 2 on a usage error.
 */
public final class CheckCommand {

    private static final String RULES = "com/careplace/rules/";

    private CheckCommand() {
    }

    public static void main(String[] args) {
        // Drools logs at INFO and logback's default is DEBUG on stdout: only this command's lines go there.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            err.println("usage: ./careplace check RULES_DIR [SUITES_DIR]   (*.drl, *.drl.csv, *.drl.xlsx, *.drl.xls, vocabulary *.csv;"
                    + " suites *.yaml)");
            return 2;
        }
        Path rules = Path.of(args[0]);
        Path suites = args.length > 1 ? Path.of(args[1]) : null;
        for (Path dir : suites == null ? List.of(rules) : List.of(rules, suites)) {
            if (!Files.isDirectory(dir)) {
                err.println(dir + ": error: not a directory");
                return 2;
            }
        }
        List<String> errors = new ArrayList<>();
        List<RuleAsset> assets = new ArrayList<>();
        Map<String, Path> files = new HashMap<>();
        for (Path file : list(rules)) {
            String name = file.getFileName().toString();
            try {
                if (name.endsWith(".drl") || name.endsWith(".drl.csv")) {
                    assets.add(new RuleAsset(RULES + name, Files.readString(file)));
                    files.put(RULES + name, file);
                } else if (Vocabulary.Part.ofPath(Vocabulary.FOLDER + name).isPresent()) {
                    // The release's vocabulary (payers.csv, levels-of-care.csv, …), beside the rules that use it
                    assets.add(new RuleAsset(Vocabulary.FOLDER + name, Files.readString(file)));
                    files.put(Vocabulary.FOLDER + name, file);
                } else if (name.endsWith(".drl.xlsx") || name.endsWith(".drl.xls")) {
                    // The workbench keeps tables as text; a workbook is read the way its import reads it (the policy is Check's).
                    String path = RULES + name.replaceFirst("\\.xlsx?$", ".csv");
                    SpreadsheetImport.Imported imported = SpreadsheetImport.read(name, Files.readAllBytes(file));
                    imported.notes().forEach(note -> err.println(file + ": warning: " + note));
                    assets.add(new RuleAsset(path, imported.csv()));
                    files.put(path, file);
                }
            } catch (IOException | IllegalArgumentException e) {
                errors.add(file + ": error: " + e.getMessage());
            }
        }
        if (assets.stream().noneMatch(RuleAsset::isRuleSource)) {
            err.println(rules + ": error: no rule files (*.drl, *.drl.csv, *.drl.xlsx, *.drl.xls)");
            return 2;
        }
        if (suites == null) {
            ScenarioSuiteReader.bundledSources().forEach((name, text) -> assets.add(new RuleAsset(RuleAsset.SCENARIOS + name, text)));
        } else {
            for (Path file : list(suites)) {
                if (file.getFileName().toString().endsWith(".yaml")) {
                    try {
                        assets.add(new RuleAsset(RuleAsset.SCENARIOS + file.getFileName(), Files.readString(file)));
                    } catch (IOException e) {
                        errors.add(file + ": error: " + e.getMessage());
                    }
                }
            }
        }
        CheckReport report = ChangeRequestChecks.checkHere(new RuleCompiler(), assets);
        for (CompileProblem problem : report.compileProblems()) {
            errors.add(where(files.getOrDefault(problem.asset(), rules.resolve(problem.asset())), problem) + ": error: "
                    + problem.message());
        }
        report.suiteProblems().forEach(problem -> errors.add((suites == null ? "" : suites + "/") + problem));
        List<String> warnings = new ArrayList<>();
        int scenarios = 0;
        if (report.suites() != null) {
            for (SuiteReport suite : report.suites().suites()) {
                for (ScenarioResult result : suite.results()) {
                    scenarios++;
                    if (!result.passed()) {
                        errors.add(suiteFile(suites, suite.source()) + ": error: " + result.scenario() + ": " + result.finding());
                    }
                }
            }
            report.suites().neverFired().forEach(rule -> warnings.add(rules + ": warning: rule \"" + rule
                    + "\" fires in no scenario"));
        }
        for (TableVerification.Finding finding : ChangeRequestChecks.verifyTables(assets)) {
            warnings.add(files.getOrDefault(finding.asset(), rules.resolve(finding.asset())) + ": warning: " + finding.table()
                    + ": " + finding.kind().label().toLowerCase(java.util.Locale.ROOT) + ": " + finding.message());
        }
        errors.forEach(out::println);
        warnings.forEach(out::println);
        out.println(errors.size() + " error(s), " + warnings.size() + " warning(s); "
                + (report.suites() == null ? "scenarios not run" : scenarios + " scenarios, " + report.suites().failures().size() + " failed"));
        return errors.isEmpty() ? 0 : 1;
    }

    /** Where a problem is, as a path the user can open: {@code rules/placement.drl:12:5}. */
    private static String where(Path path, CompileProblem problem) {
        String file = path.toString();
        if (problem.cell() != null) {
            CompileProblem.TableCell cell = problem.cell();
            return file + " row " + cell.row() + (cell.column().isEmpty() ? "" : ", column " + cell.column()
                    + (cell.heading().isEmpty() ? "" : " (" + cell.heading() + ")"));
        }
        return file + (problem.line() == null ? "" : ":" + problem.line() + (problem.column() == null ? "" : ":" + problem.column()));
    }

    private static String suiteFile(Path suites, String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        return suites == null ? name : suites.resolve(name).toString();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
