package com.careplace.scenario;

import com.careplace.placement.Dimension;
import com.careplace.placement.FieldError;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario suites from YAML, one suite per file:
 *
 * <pre>{@code
 * suite: IOP eligibility
 * description: Every exclusion reason, alone and together.
 * scenarios:
 *   - name: Adult meets IOP criteria
 *     description: Worked example 1 of the spec.
 *     given:            # a placement request exactly as the API takes it
 *       age: 34
 *       diagnoses: [F10.20]
 *       dimensions: {d1: 1, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1}
 *       availableHoursPerWeek: 12
 *       payer: COMMERCIAL
 *     expect:           # the parts of the decision to check; fields not named are not checked
 *       level: "2.1"
 *       drivingDimensions: [D3, D5]
 *       iop: {status: ELIGIBLE, reasons: [MEETS_IOP_CRITERIA], weeklyHours: {min: 9, max: 19}}
 *       payer: {requirements: [PRIOR_AUTHORIZATION], warnings: []}
 * }</pre>
 *
 * Coded values (levels, reasons, requirements, warnings) may be written as their code alone; lists
 * compare in order. Every problem is reported as a {@link ScenarioFormatException} naming the file,
 * the scenario and the field: a broken suite never passes silently.
 */
public final class ScenarioSuiteReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> SUITE_KEYS = Set.of("suite", "description", "scenarios");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "given", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("requestId", "level", "drivingDimensions", "iop", "payer", "firedRules");
    private static final Set<String> IOP_KEYS = Set.of("status", "reasons", "weeklyHours");
    private static final Set<String> PAYER_KEYS = Set.of("requirements", "warnings");

    private ScenarioSuiteReader() {
    }

    /** Reads every {@code *.yaml} file in {@code directory}, in file-name order. */
    public static List<ScenarioSuite> readDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (yaml.isEmpty()) {
                throw new ScenarioFormatException(directory.toString(), null, null, "no *.yaml suite files found");
            }
            return yaml.stream().map(ScenarioSuiteReader::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list scenario suites in " + directory, e);
        }
    }

    /** Reads one suite file. */
    public static ScenarioSuite read(Path file) {
        try {
            return read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read scenario suite " + file, e);
        }
    }

    /** The suites shipped with this module for the 1.0.0 rules, in a stable order. */
    public static List<ScenarioSuite> bundled() {
        return bundledSources().entrySet().stream().map(e -> read(e.getKey(), e.getValue())).toList();
    }

    /** The shipped suite files as text, by file name, for tools that import them (the workbench). */
    public static Map<String, String> bundledSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : resource("suites.list").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            sources.put(name, resource(name));
        }
        return sources;
    }

    private static String resource(String name) {
        String path = "com/careplace/scenarios/" + name;
        try (InputStream in = ScenarioSuiteReader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Bundled scenario resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a suite from text.
     *
     * @param source the file name, used in every message
     * @param yaml   the suite's text
     */
    public static ScenarioSuite read(String source, String yaml) {
        return read(source, yaml, Vocabulary.current());
    }

    /**
     * Reads a suite from text in the words of the release it will run against: its payers, levels,
     * codes and added request fields.
     *
     * @param source     the file name, used in every message
     * @param yaml       the suite's text
     * @param vocabulary the release's vocabulary
     */
    public static ScenarioSuite read(String source, String yaml, Vocabulary vocabulary) {
        return Vocabulary.within(vocabulary, () -> readWithin(source, yaml));
    }

    private static ScenarioSuite readWithin(String source, String yaml) {
        Object tree;
        try {
            tree = YAML.readValue(yaml, Object.class);
        } catch (JacksonException e) {
            throw new ScenarioFormatException(source, null, null, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (!(tree instanceof Map<?, ?> root)) {
            throw new ScenarioFormatException(source, null, null, "a suite must be a mapping with 'suite' and 'scenarios'");
        }
        unknownKeys(root, SUITE_KEYS, key -> new ScenarioFormatException(source, null, key, "unknown field; expected " + SUITE_KEYS));
        String name = text(root.get("suite"));
        if (name == null || name.isBlank()) {
            throw new ScenarioFormatException(source, null, "suite", "the suite needs a name");
        }
        if (!(root.get("scenarios") instanceof List<?> items) || items.isEmpty()) {
            throw new ScenarioFormatException(source, null, "scenarios", "a suite needs a non-empty list of scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Scenario scenario = scenario(source, i, items.get(i));
            if (!names.add(scenario.name())) {
                throw new ScenarioFormatException(source, scenario.name(), "name", "another scenario of this suite has the same name");
            }
            scenarios.add(scenario);
        }
        return new ScenarioSuite(name, orEmpty(text(root.get("description"))), source, scenarios);
    }

    private static Scenario scenario(String source, int index, Object item) {
        String position = "#" + (index + 1);
        if (!(item instanceof Map<?, ?> map)) {
            throw new ScenarioFormatException(source, position, null, "a scenario must be a mapping with name, given and expect");
        }
        String name = text(map.get("name"));
        if (name == null || name.isBlank()) {
            throw new ScenarioFormatException(source, position, "name", "every scenario needs a name");
        }
        unknownKeys(map, SCENARIO_KEYS, key -> new ScenarioFormatException(source, name, key, "unknown field; expected " + SCENARIO_KEYS));
        if (!map.containsKey("given")) {
            throw new ScenarioFormatException(source, name, "given", "missing: the placement request to evaluate");
        }
        PlacementRequest given;
        try {
            given = PlacementRequestReader.read(map.get("given"), Vocabulary.current());
        } catch (InvalidPlacementRequestException e) {
            FieldError first = e.errors().getFirst();
            String more = e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more: " + e.getMessage() + ")" : "";
            throw new ScenarioFormatException(source, name, "given" + ("$".equals(first.field()) ? "" : "." + first.field()),
                    first.message() + more);
        }
        if (!(map.get("expect") instanceof Map<?, ?> expect) || expect.isEmpty()) {
            throw new ScenarioFormatException(source, name, "expect", "missing or empty: name at least one part of the decision to check");
        }
        new ExpectationCheck(source, name).decision(expect);
        @SuppressWarnings("unchecked")
        Map<String, Object> expectation = (Map<String, Object>) expect;
        return new Scenario(name, orEmpty(text(map.get("description"))), given, expectation);
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> allowed,
                                    java.util.function.Function<String, ScenarioFormatException> error) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw error.apply(String.valueOf(key));
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** Checks an expectation names only decision fields, with values of the right kind, so typos fail at load. */
    private record ExpectationCheck(String source, String scenario) {

        void decision(Map<?, ?> expect) {
            keys(expect, EXPECT_KEYS, "expect.");
            if (expect.containsKey("requestId") && !(expect.get("requestId") instanceof String)) {
                fail("expect.requestId", "must be a string");
            }
            if (expect.containsKey("level")) {
                level(expect.get("level"));
            }
            if (expect.containsKey("drivingDimensions")) {
                codes("expect.drivingDimensions", expect.get("drivingDimensions"), names(Dimension.values()));
            }
            if (expect.containsKey("iop")) {
                Map<?, ?> iop = mapping("expect.iop", expect.get("iop"));
                keys(iop, IOP_KEYS, "expect.iop.");
                if (iop.containsKey("status")) {
                    code("expect.iop.status", iop.get("status"), names(IopStatus.values()));
                }
                if (iop.containsKey("reasons")) {
                    codes("expect.iop.reasons", iop.get("reasons"), codes(IopReason.values(), IopReason::code));
                }
                if (iop.get("weeklyHours") != null) {
                    Map<?, ?> hours = mapping("expect.iop.weeklyHours", iop.get("weeklyHours"));
                    keys(hours, Set.of("min", "max"), "expect.iop.weeklyHours.");
                }
            }
            if (expect.containsKey("payer")) {
                Map<?, ?> payer = mapping("expect.payer", expect.get("payer"));
                keys(payer, PAYER_KEYS, "expect.payer.");
                if (payer.containsKey("requirements")) {
                    codes("expect.payer.requirements", payer.get("requirements"), codes(PayerRequirementCode.values(), PayerRequirementCode::code));
                }
                if (payer.containsKey("warnings")) {
                    codes("expect.payer.warnings", payer.get("warnings"), codes(PayerWarning.values(), PayerWarning::code));
                }
            }
            if (expect.containsKey("firedRules") && !(expect.get("firedRules") instanceof List<?>)) {
                fail("expect.firedRules", "must be a list of rule names, in firing order");
            }
        }

        private void level(Object value) {
            Object code = value instanceof Map<?, ?> m ? m.get("code") : value;
            if (!(code instanceof String s) || LevelOfCare.fromCode(s).isEmpty()) {
                fail("expect.level", "'" + code + "' is not a level code; write one of " + LevelOfCare.codes()
                        + " in quotes, e.g. \"2.1\"");
            }
        }

        private void codes(String field, Object value, Set<String> allowed) {
            if (!(value instanceof List<?> list)) {
                fail(field, "must be a list");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                code(field + "[" + i + "]", list.get(i), allowed);
            }
        }

        private void code(String field, Object value, Set<String> allowed) {
            Object code = value instanceof Map<?, ?> m ? m.get("code") : value;
            if (!(code instanceof String s) || !allowed.contains(s)) {
                fail(field, "'" + code + "' is not one of " + allowed.stream().sorted().toList());
            }
        }

        private Map<?, ?> mapping(String field, Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                fail(field, "must be a mapping");
                return Map.of();
            }
            return map;
        }

        private void keys(Map<?, ?> map, Set<String> allowed, String prefix) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    fail(prefix + key, "unknown field; the decision has " + allowed.stream().sorted().toList());
                }
            }
        }

        private void fail(String field, String problem) {
            throw new ScenarioFormatException(source, scenario, field, problem);
        }

        private static <T> Set<String> codes(List<T> values, java.util.function.Function<T, String> code) {
            return Set.copyOf(values.stream().map(code).toList());
        }

        private static Set<String> names(Enum<?>[] values) {
            return Set.copyOf(Arrays.stream(values).map(Enum::name).toList());
        }
    }
}
