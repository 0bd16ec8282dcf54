package com.careplace.decision.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The placement request as documented in the OpenAPI description: the spec's input table. Not used to parse. */
@Schema(name = "PlacementRequest", description = "A patient's assessment. Types are strict: no coercion; unknown fields are rejected.")
record PlacementRequestSchema(
        @Schema(description = "Caller's id, echoed back", maxLength = 64, pattern = "^[A-Za-z0-9._:-]{1,64}$",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String requestId,
        @Schema(description = "Age in years", minimum = "0", maximum = "120", requiredMode = Schema.RequiredMode.REQUIRED)
        Integer age,
        @ArraySchema(maxItems = 50, arraySchema = @Schema(description = "ICD-10-CM codes; may be empty",
                requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(description = "Matched after upper-casing", pattern = "^[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?$",
                        example = "F10.20"))
        List<String> diagnoses,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        DimensionsSchema dimensions,
        @Schema(description = "Default NONE", allowableValues = {"NONE", "PASSIVE_IDEATION", "ACTIVE_IDEATION_NO_PLAN",
                "ACTIVE_IDEATION_WITH_PLAN"}, requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String suicideRisk,
        @Schema(description = "Hours per week the patient can attend treatment", minimum = "0", maximum = "168",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Integer availableHoursPerWeek,
        @Schema(description = "The level of care the patient is in now, as a string", allowableValues = {"0.5", "1", "2.1",
                "2.5", "3.1", "3.5", "3.7", "4"}, requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String currentLevel,
        @Schema(allowableValues = {"MEDICARE", "MEDICAID", "COMMERCIAL", "TRICARE", "SELF_PAY"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String payer) {

    /** The six ASAM dimension ratings, each 0..4. */
    @Schema(name = "Dimensions", description = "All six ASAM ratings: 0 none, 1 mild, 2 moderate, 3 severe, 4 very severe")
    record DimensionsSchema(
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Acute intoxication / withdrawal potential") Integer d1,
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Biomedical conditions") Integer d2,
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Emotional, behavioral or cognitive conditions") Integer d3,
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Readiness to change") Integer d4,
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Relapse / continued use potential") Integer d5,
            @Schema(minimum = "0", maximum = "4", requiredMode = Schema.RequiredMode.REQUIRED, description = "Recovery environment") Integer d6) {
    }
}
