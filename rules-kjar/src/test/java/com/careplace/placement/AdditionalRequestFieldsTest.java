package com.careplace.placement;

import com.careplace.placement.facts.Category;
import com.careplace.placement.vocabulary.TestVocabularies;
import com.careplace.placement.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The fields a release's request schema adds, read as strictly as the spec's own. */
class AdditionalRequestFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Vocabulary BASELINE = Vocabulary.baseline();
    private static final Vocabulary EDITED = TestVocabularies.edited();

    /** A valid 1.0.0 request with {@code extra} fields (raw JSON members) added. */
    private static Object request(String extra) {
        return JSON.readValue("""
                {"age":34,"diagnoses":["F10.20"],"dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},
                 "availableHoursPerWeek":12,"payer":"COMMERCIAL"%s}""".formatted(extra.isEmpty() ? "" : "," + extra), Object.class);
    }

    private static List<FieldError> errorsOf(Object json, Vocabulary vocabulary) {
        InvalidPlacementRequestException refused = catchThrowableOfType(InvalidPlacementRequestException.class,
                () -> PlacementRequestReader.read(json, vocabulary));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors();
    }

    @Test
    void an_added_boolean_field_is_read_by_the_release_that_adds_it() {
        PlacementRequest request = PlacementRequestReader.read(request("\"pregnant\":true"), EDITED);
        assertThat(request.additional()).containsExactly(Map.entry("pregnant", true));
        assertThat(PlacementRequestReader.read(request("\"pregnant\":false,\"gestationalWeeks\":12"), EDITED).additional())
                .containsExactly(Map.entry("pregnant", false), Map.entry("gestationalWeeks", 12));
        // Added fields are optional: a 1.0.0 request is still a valid request of the release
        assertThat(PlacementRequestReader.read(request(""), EDITED).additional()).isEmpty();
    }

    @Test
    void an_added_field_is_unknown_to_the_baseline() {
        assertThat(errorsOf(request("\"pregnant\":true"), BASELINE)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("pregnant");
            assertThat(e.message()).startsWith("unknown field");
        });
        // Unknown in the edited release too when misspelt, and its message lists the added fields beside the spec's
        assertThat(errorsOf(request("\"pregant\":true"), EDITED)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("pregant");
            assertThat(e.message()).contains("pregnant", "gestationalWeeks", "availableHoursPerWeek");
        });
    }

    @Test
    void a_boolean_field_takes_no_string_or_number() {
        for (String value : List.of("\"yes\"", "\"true\"", "1")) {
            assertThat(errorsOf(request("\"pregnant\":" + value), EDITED)).as(value).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("pregnant");
                assertThat(e.message()).startsWith("must be true or false, got a ");
            });
        }
    }

    @Test
    void an_integer_field_outside_its_range_is_refused() {
        assertThat(errorsOf(request("\"gestationalWeeks\":43"), EDITED)).containsExactly(
                new FieldError("gestationalWeeks", "must be 1..42, got 43"));
        assertThat(errorsOf(request("\"gestationalWeeks\":0"), EDITED)).containsExactly(
                new FieldError("gestationalWeeks", "must be 1..42, got 0"));
        assertThat(errorsOf(request("\"gestationalWeeks\":12.5"), EDITED)).extracting(FieldError::field)
                .containsExactly("gestationalWeeks");
        assertThat(errorsOf(request("\"gestationalWeeks\":\"12\""), EDITED)).extracting(FieldError::field)
                .containsExactly("gestationalWeeks");
        // The bounds are inclusive
        assertThat(PlacementRequestReader.read(request("\"gestationalWeeks\":42"), EDITED).additional())
                .containsEntry("gestationalWeeks", 42);
    }

    @Test
    void a_payer_not_in_the_vocabulary_is_refused_listing_the_allowed_payers() {
        Map<String, Object> advantage = new LinkedHashMap<>(castMap(request("")));
        advantage.put("payer", "MEDICARE_ADVANTAGE");

        assertThat(errorsOf(advantage, BASELINE)).containsExactly(new FieldError("payer",
                "'MEDICARE_ADVANTAGE' is not one of MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY"));
        PlacementRequest read = PlacementRequestReader.read(advantage, EDITED);
        assertThat(read.payer()).isEqualTo(new Payer("MEDICARE_ADVANTAGE", "Medicare Advantage"));
        assertThat(read.payer().title()).isEqualTo("Medicare Advantage");

        advantage.put("payer", "MEDICARE_ADVANTAGES");
        assertThat(errorsOf(advantage, EDITED)).containsExactly(new FieldError("payer",
                "'MEDICARE_ADVANTAGES' is not one of MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY, MEDICARE_ADVANTAGE"));
    }

    @Test
    void levels_and_fields_of_added_types_are_read_in_the_release_vocabulary() {
        Map<String, String> files = TestVocabularies.editedFiles();
        TestVocabularies.edit(files, Vocabulary.Part.REQUEST_FIELDS, t -> t
                + "referredFrom,level of care,,,The level of care the referral comes from\n"
                + "secondaryPayer,payer,,,A second payer\n"
                + "primaryConcern,diagnosis category,,,What the clinician is most concerned about\n");
        Vocabulary vocabulary = Vocabulary.fromFiles(files);

        PlacementRequest read = PlacementRequestReader.read(request(
                "\"currentLevel\":\"2.7\",\"referredFrom\":\"1.7\",\"secondaryPayer\":\"MEDICARE_ADVANTAGE\","
                        + "\"primaryConcern\":\"OBSESSIVE_COMPULSIVE\""), vocabulary);
        assertThat(read.currentLevel()).isEqualTo(new LevelOfCare("2.7", null));
        assertThat(read.additional()).containsExactly(
                Map.entry("referredFrom", vocabulary.levelOfCare("1.7").orElseThrow()),
                Map.entry("secondaryPayer", vocabulary.payer("MEDICARE_ADVANTAGE").orElseThrow()),
                Map.entry("primaryConcern", vocabulary.category("OBSESSIVE_COMPULSIVE").orElseThrow()));
        assertThat(((Category) read.additional().get("primaryConcern")).qualifiesForIop()).isTrue();

        assertThat(errorsOf(request("\"currentLevel\":\"2.7\",\"referredFrom\":\"2.8\",\"secondaryPayer\":\"MEDICAR\","
                + "\"primaryConcern\":\"OCD\""), vocabulary)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("referredFrom", "secondaryPayer", "primaryConcern");
        // The baseline has no level 2.7
        assertThat(errorsOf(request("\"currentLevel\":\"2.7\""), BASELINE)).containsExactly(new FieldError("currentLevel",
                "'2.7' is not a level of care; expected one of 0.5, 1, 2.1, 2.5, 3.1, 3.5, 3.7, 4"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object json) {
        return (Map<String, Object>) json;
    }
}
