package com.careplace.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated placement request: the spec's "Input" after {@link PlacementRequestReader} has checked it.
 *
 * @param requestId             caller's id, echoed back; {@code null} when absent
 * @param age                   0..120
 * @param diagnoses             ICD-10-CM codes, upper-cased
 * @param dimensions            the six ASAM ratings
 * @param suicideRisk           never {@code null}; {@code NONE} by default
 * @param availableHoursPerWeek hours the patient can attend treatment, 0..168
 * @param currentLevel          the care the patient is in now; {@code null} when none
 * @param payer                 who pays
 * @param additional            answers to the fields the release's request schema adds, by name: {@link Integer},
 *                              {@link Boolean} or a vocabulary entry; only the fields the request answered
 */
public record PlacementRequest(
        String requestId,
        int age,
        List<String> diagnoses,
        Dimensions dimensions,
        SuicideRisk suicideRisk,
        int availableHoursPerWeek,
        LevelOfCare currentLevel,
        Payer payer,
        Map<String, Object> additional) implements java.io.Serializable {

    public PlacementRequest {
        diagnoses = List.copyOf(diagnoses);
        additional = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(additional));
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(suicideRisk, "suicideRisk");
        Objects.requireNonNull(payer, "payer");
    }

    /** A request with only the spec's fields. */
    public PlacementRequest(String requestId, int age, List<String> diagnoses, Dimensions dimensions, SuicideRisk suicideRisk,
                            int availableHoursPerWeek, LevelOfCare currentLevel, Payer payer) {
        this(requestId, age, diagnoses, dimensions, suicideRisk, availableHoursPerWeek, currentLevel, payer, Map.of());
    }
}
