package com.careplace.workbench.authoring;

import com.careplace.placement.PlacementDecision;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.vocabulary.VocabularyEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decision written as a scenario's {@code expect}: what "fill in what the rules decided" and "accept the new answer" write. */
public final class ScenarioExpectations {

    private ScenarioExpectations() {
    }

    /** Every part a scenario checks, as the rules decided it (fired rules and the request id aside: they are not outcomes). */
    public static Map<String, Object> of(PlacementDecision decision) {
        Map<String, Object> expect = new LinkedHashMap<>();
        expect.put("level", decision.level().code());
        expect.put("drivingDimensions", decision.drivingDimensions().stream().map(Enum::name).toList());
        Map<String, Object> iop = new LinkedHashMap<>();
        iop.put("status", decision.iop().status().name());
        iop.put("reasons", decision.iop().reasons().stream().map(VocabularyEntry::code).toList());
        if (decision.iop().weeklyHours() != null) {
            Map<String, Object> hours = new LinkedHashMap<>();
            hours.put("min", decision.iop().weeklyHours().min());
            hours.put("max", decision.iop().weeklyHours().max());
            iop.put("weeklyHours", hours);
        }
        expect.put("iop", iop);
        Map<String, Object> payer = new LinkedHashMap<>();
        payer.put("requirements", decision.payer().requirements().stream().map(ScenarioExpectations::requirement).toList());
        payer.put("warnings", decision.payer().warnings().stream().map(VocabularyEntry::code).toList());
        expect.put("payer", payer);
        return expect;
    }

    /**
     * The scenario's expectation with each part it checks replaced by what the rules decide now: the same
     * parts, so accepting a new answer does not start checking what the author left out.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> accept(Map<String, Object> expect, PlacementDecision decision) {
        Map<String, Object> actual = of(decision);
        actual.put("firedRules", decision.firedRules());
        if (decision.requestId() != null) {
            actual.put("requestId", decision.requestId());
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        expect.forEach((key, value) -> {
            Object now = actual.get(key);
            if (value instanceof Map<?, ?> parts && now instanceof Map<?, ?> nowParts) {
                Map<String, Object> sub = new LinkedHashMap<>();
                parts.keySet().forEach(k -> sub.put(String.valueOf(k), ((Map<String, Object>) nowParts).get(String.valueOf(k))));
                accepted.put(key, sub);
            } else {
                accepted.put(key, now);
            }
        });
        return accepted;
    }

    /** A payer requirement as the suites write it: its code, or {@code {code: RECERTIFICATION, days: 60}}. */
    static Object requirement(PayerRequirement requirement) {
        if (requirement.days() == null) {
            return requirement.code().code();
        }
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("code", requirement.code().code());
        written.put("days", requirement.days());
        return written;
    }
}
