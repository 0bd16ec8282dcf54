package com.careplace.placement;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The spec's input table, rule by rule. */
class PlacementRequestReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String VALID = """
            {"requestId":"abc-1","age":34,"diagnoses":["f10.20"],
             "dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},
             "suicideRisk":"PASSIVE_IDEATION","availableHoursPerWeek":12,"currentLevel":"2.5","payer":"COMMERCIAL"}""";

    private static List<FieldError> errorsOf(String json) {
        return catchThrowableOfType(InvalidPlacementRequestException.class,
                () -> PlacementRequestReader.read(JSON.readValue(json, Object.class))).errors();
    }

    private static List<String> fieldsOf(String json) {
        return errorsOf(json).stream().map(FieldError::field).toList();
    }

    @Test
    void readsAValidRequestUpperCasingCodes() {
        PlacementRequest request = PlacementRequestReader.read(JSON.readValue(VALID, Object.class));
        assertThat(request).isEqualTo(new PlacementRequest("abc-1", 34, List.of("F10.20"), new Dimensions(1, 0, 2, 1, 2, 1),
                SuicideRisk.PASSIVE_IDEATION, 12, LevelOfCare.PARTIAL_HOSPITALIZATION, Payer.COMMERCIAL));
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        PlacementRequest request = PlacementRequestReader.read(JSON.readValue("""
                {"age":0,"diagnoses":[],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":168,"payer":"SELF_PAY","currentLevel":null}""", Object.class));
        assertThat(request.requestId()).isNull();
        assertThat(request.suicideRisk()).isEqualTo(SuicideRisk.NONE);
        assertThat(request.currentLevel()).isNull();
    }

    @Test
    void namesEveryOffendingFieldAtOnce() {
        assertThat(fieldsOf("""
                {"requestId":"has space","age":"30","diagnoses":["F10.20","X9","U07.1",7],
                 "dimensions":{"d1":1,"d2":5,"d3":2.5,"d4":true,"d5":2,"d7":1},
                 "suicideRisk":"SOMETIMES","availableHoursPerWeek":169,"currentLevel":2.5,"payer":"medicare","extra":1}"""))
                .containsExactlyInAnyOrder("extra", "requestId", "age", "diagnoses[1]", "diagnoses[2]", "diagnoses[3]",
                        "dimensions.d7", "dimensions.d2", "dimensions.d3", "dimensions.d4", "dimensions.d6",
                        "suicideRisk", "availableHoursPerWeek", "currentLevel", "payer");
    }

    @Test
    void noCoercion() {
        List<FieldError> errors = errorsOf("""
                {"age":12.5,"diagnoses":[],"dimensions":{"d1":1.0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":true,"payer":"SELF_PAY"}""");
        assertThat(errors).containsExactlyInAnyOrder(
                new FieldError("age", "must be an integer 0..120, got a fractional number"),
                new FieldError("dimensions.d1", "must be an integer 0..4, got a fractional number"),
                new FieldError("availableHoursPerWeek", "must be an integer 0..168, got a boolean"));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(fieldsOf("{}")).containsExactlyInAnyOrder("age", "diagnoses", "dimensions", "availableHoursPerWeek", "payer");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        assertThat(errorsOf("[1,2]")).containsExactly(new FieldError("$", "the request must be a JSON object, got an array"));
    }

    @Test
    void boundsAreInclusive() {
        assertThat(fieldsOf(VALID.replace("\"age\":34", "\"age\":121"))).containsExactly("age");
        assertThat(fieldsOf(VALID.replace("\"age\":34", "\"age\":-1"))).containsExactly("age");
        assertThat(fieldsOf(VALID.replace("\"age\":34", "\"age\":99999999999999999999999"))).containsExactly("age");
        PlacementRequestReader.read(JSON.readValue(VALID.replace("\"age\":34", "\"age\":120"), Object.class));
    }

    @Test
    void diagnosisListIsLimitedToFifty() {
        String many = "\"F10.20\",".repeat(50) + "\"F10.20\"";
        assertThat(errorsOf(VALID.replace("[\"f10.20\"]", "[" + many + "]")))
                .containsExactly(new FieldError("diagnoses", "must hold at most 50 codes, got 51"));
    }

    @Test
    void requestIdIsAtMostSixtyFourCharacters() {
        PlacementRequestReader.read(JSON.readValue(VALID.replace("abc-1", "a".repeat(64)), Object.class));
        assertThat(fieldsOf(VALID.replace("abc-1", "a".repeat(65)))).containsExactly("requestId");
    }

    @Test
    void icdCodesFollowThePattern() {
        for (String ok : List.of("F10", "f43.10", "R45.88", "Z63.0", "F10.239", "A0B.1234")) {
            PlacementRequestReader.read(JSON.readValue(VALID.replace("f10.20", ok), Object.class));
        }
        for (String bad : List.of("U07.1", "F1", "F10.", "F10.12345", "F10-20", "")) {
            assertThat(fieldsOf(VALID.replace("f10.20", bad))).as(bad).containsExactly("diagnoses[0]");
        }
    }
}
