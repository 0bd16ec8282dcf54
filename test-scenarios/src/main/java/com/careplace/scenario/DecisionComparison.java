package com.careplace.scenario;

import com.careplace.placement.PlacementDecision;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Compares an expectation with a decision in the decision's JSON shape, and says what differs as a clinician would. */
final class DecisionComparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DecisionComparison() {
    }

    static List<Mismatch> compare(Map<String, Object> expect, PlacementDecision decision) {
        Map<?, ?> actual = JSON.convertValue(decision, Map.class);
        List<Mismatch> mismatches = new ArrayList<>();
        compare("", expect, actual, mismatches);
        return mismatches;
    }

    private static void compare(String path, Object expected, Object actual, List<Mismatch> out) {
        // Sections of the decision are compared field by field; values (weekly hours, coded items) as a whole.
        boolean section = path.isEmpty() || path.equals("iop") || path.equals("payer");
        if (section && expected instanceof Map<?, ?> map && actual instanceof Map<?, ?> actualMap) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                compare(path.isEmpty() ? key : path + "." + key, entry.getValue(), actualMap.get(key), out);
            }
            return;
        }
        if (!matches(expected, actual)) {
            out.add(new Mismatch(path, shortForm(expected), shortForm(actual)));
        }
    }

    private static boolean matches(Object expected, Object actual) {
        if (expected instanceof List<?> list) {
            if (!(actual instanceof List<?> actualList) || list.size() != actualList.size()) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!matches(list.get(i), actualList.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> map) {
            if (!(actual instanceof Map<?, ?> actualMap)) {
                return false;
            }
            return map.entrySet().stream().allMatch(e -> matches(e.getValue(), actualMap.get(e.getKey())));
        }
        if (expected instanceof String code && actual instanceof Map<?, ?> coded && coded.containsKey("code")) {
            // Shorthand: a coded value (level, reason, requirement) may be expected by its code alone.
            return code.equals(coded.get("code"));
        }
        if (expected instanceof Number n && actual instanceof Number m) {
            return new BigDecimal(n.toString()).compareTo(new BigDecimal(m.toString())) == 0;
        }
        return Objects.equals(expected, actual);
    }

    /** Values as a person reads them: codes instead of objects, "none" for null, lists in brackets. */
    static String shortForm(Object value) {
        return switch (value) {
            case null -> "none";
            case List<?> list -> list.stream().map(DecisionComparison::shortForm).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map when map.containsKey("code") -> map.get("code")
                    + (map.get("days") == null ? "" : " every " + map.get("days") + " days");
            case Map<?, ?> map when map.containsKey("min") && map.containsKey("max") && map.size() == 2 ->
                    map.get("min") + "–" + map.get("max") + " h/week";
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + ": " + shortForm(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> String.valueOf(value);
        };
    }

    /** One sentence for all mismatches, with the clinical context that explains the actual value. */
    static String finding(List<Mismatch> mismatches, PlacementDecision decision) {
        return mismatches.stream().map(m -> "expected " + m.field() + " " + m.expected() + ", got " + m.actual()
                + context(m.field(), decision)).collect(Collectors.joining("; "));
    }

    private static String context(String field, PlacementDecision decision) {
        if (field.equals("level")) {
            return decision.drivingDimensions().isEmpty() ? " — no driving dimension"
                    : " — driving " + decision.drivingDimensions().stream().map(Enum::name).collect(Collectors.joining(", "));
        }
        if (field.equals("iop.status")) {
            return " — reasons " + decision.iop().reasons().stream().map(r -> r.code()).collect(Collectors.joining(", "));
        }
        return "";
    }
}
