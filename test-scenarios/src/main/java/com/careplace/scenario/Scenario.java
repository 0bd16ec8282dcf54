package com.careplace.scenario;

import com.careplace.placement.PlacementRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario of a suite.
 *
 * @param name        unique within its suite
 * @param description why the scenario exists; may be empty
 * @param given       the request, already validated exactly as the API validates it
 * @param expect      the parts of the decision to check, in the decision's JSON shape; keys not named are not checked
 */
public record Scenario(String name, String description, PlacementRequest given, Map<String, Object> expect) {

    public Scenario {
        // Keep the author's order: mismatches are reported in the order the scenario names the fields.
        expect = Collections.unmodifiableMap(new LinkedHashMap<>(expect));
    }
}
