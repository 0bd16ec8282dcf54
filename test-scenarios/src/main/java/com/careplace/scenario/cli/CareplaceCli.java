package com.careplace.scenario.cli;

import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioFormatException;
import com.careplace.scenario.ScenarioRunner;
import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line for {@code ./careplace suites} and {@code ./careplace evaluate}: the 1.0.0 rules from
 * the classpath kjar, no server. Exit codes: 0 ok, 1 failing scenarios or invalid input, 2 usage.
 */
public final class CareplaceCli {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CareplaceCli() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (args.length == 0) {
            err.println("usage: suites [directory] | evaluate <file|->");
            System.exit(2);
        }
        KieContainer rules = KieServices.get().getKieClasspathContainer();
        int status = switch (args[0]) {
            case "suites" -> suites(rules, args.length > 1 ? Path.of(args[1]) : null, out, err);
            case "evaluate" -> evaluate(rules, args.length > 1 ? args[1] : "-", out, err);
            default -> {
                err.println("unknown command: " + args[0]);
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int suites(KieContainer rules, Path directory, PrintStream out, PrintStream err) {
        List<ScenarioSuite> suites;
        try {
            suites = directory == null ? ScenarioSuiteReader.bundled() : ScenarioSuiteReader.readDirectory(directory);
        } catch (ScenarioFormatException e) {
            err.println(e.getMessage());
            return 1;
        }
        RunReport report = new ScenarioRunner(rules).run(suites);
        out.print(report.summary());
        return report.green() ? 0 : 1;
    }

    private static int evaluate(KieContainer rules, String file, PrintStream out, PrintStream err) throws IOException {
        Object body;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            body = JSON.readValue(in, Object.class);
        } catch (JacksonException e) {
            err.println("not valid JSON: " + e.getOriginalMessage());
            return 1;
        }
        try {
            out.println(JSON.writeValueAsString(new PlacementEvaluator(rules).evaluate(PlacementRequestReader.read(body))));
            return 0;
        } catch (InvalidPlacementRequestException e) {
            e.errors().forEach(error -> err.println(error.field() + ": " + error.message()));
            return 1;
        }
    }
}
