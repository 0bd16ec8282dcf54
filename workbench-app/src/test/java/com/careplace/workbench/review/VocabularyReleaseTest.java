package com.careplace.workbench.review;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.audit.AuditEntry;
import com.careplace.workbench.audit.AuditQuery;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.release.Deployments;
import com.careplace.workbench.rules.CheckReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five everyday vocabulary changes of the issue, each made as a clinical director would (change
 * request, check, four eyes, release, deploy) and then asked of the decision API over HTTP. They build
 * on each other, as releases do: 1.1.0 adds a payer, 1.2.0 two levels, 1.3.0 a category, 1.4.0 a
 * requirement code, 1.5.0 a request field. The first release still answers as it did when pinned.
 */
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careplace.decision.bootstrap-api-key=" + VocabularyReleaseTest.KEY)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VocabularyReleaseTest {

    static final String KEY = "vocabulary-release-key-01";
    private static final String VOCABULARY = "com/careplace/vocabulary/";
    private static final String RULES = "com/careplace/rules/";
    private static final String PAYER_TABLE = RULES + "payer-requirements.drl.csv";
    private static final String CATEGORY_TABLE = RULES + "diagnosis-categories.drl.csv";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ChangeRequestService changes;
    @Autowired
    ReviewService review;
    @Autowired
    Deployments deployments;
    @Autowired
    CallerCompatibility compatibility;
    @Autowired
    ImpactAnalysis impact;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DecisionLog decisionLog;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    /** Dana makes the change, Rita approves it, Olu deploys it; returns the release's version. */
    private String release(String title, Map<String, UnaryOperator<String>> edits, String extraDrl) {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open(title, "Clinical director's request", "dana");
        edits.forEach((path, edit) -> {
            String before = text(request.id(), path);
            String after = edit.apply(before);
            assertThat(after).as("the edit to " + path + " changes it").isNotEqualTo(before);
            changes.save(request.id(), path, after, revision(request.id(), path), "dana", title);
        });
        if (extraDrl != null) {
            // Appended to the IOP eligibility rules: a new rule in the file where its kind lives.
            String path = RULES + "iop-eligibility.drl";
            changes.save(request.id(), path, text(request.id(), path) + extraDrl, revision(request.id(), path), "dana", title);
        }
        CheckReport report = changes.check(request.id(), "dana");
        assertThat(report.passes()).as(String.join("; ", report.reasons())).isTrue();
        // These releases are about the vocabulary: their new rules get scenarios in the suites later.
        changes.submit(request.id(), "dana", "Vocabulary release; scenarios follow");
        SignedIn.as("rita", Role.REVIEWER);
        String version = review.approve(request.id(), "rita", "Matches the contract", null, changes.stamp(request.id()))
                .release().version();
        SignedIn.as("olu", Role.DEPLOYER);
        deployments.deploy(version, "olu");
        return version;
    }

    private String text(String changeRequestId, String path) {
        return changes.assets(changeRequestId).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
    }

    private int revision(String changeRequestId, String path) {
        return changes.assets(changeRequestId).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().revision();
    }

    private static UnaryOperator<String> append(String line) {
        return csv -> csv + line + "\n";
    }

    private static String request(String payer, String diagnosis, String dimensions, String extra) {
        String[] d = dimensions.split("/");
        return "{\"age\":34,\"diagnoses\":[\"" + diagnosis + "\"],\"dimensions\":{\"d1\":" + d[0] + ",\"d2\":" + d[1]
                + ",\"d3\":" + d[2] + ",\"d4\":" + d[3] + ",\"d5\":" + d[4] + ",\"d6\":" + d[5]
                + "},\"availableHoursPerWeek\":12,\"payer\":\"" + payer + "\"" + extra + "}";
    }

    private record Reply(int status, String body, Map<?, ?> json) {
    }

    private Reply decide(String query, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/decisions/placement" + query))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), JSON.readValue(response.body(), Map.class));
    }

    private static List<Object> codes(Reply reply, String... path) {
        Object node = reply.json();
        for (String key : path) {
            node = ((Map<?, ?>) node).get(key);
        }
        return ((List<?>) node).stream().map(i -> ((Map<?, ?>) i).get("code")).map(Object.class::cast).toList();
    }

    @Test
    @Order(1)
    void a_new_payer_is_accepted_with_its_requirements_and_the_old_release_still_refuses_it() throws Exception {
        String version = release("Medicare Advantage contract", Map.of(
                VOCABULARY + "payers.csv", append("MEDICARE_ADVANTAGE,Medicare Advantage"),
                PAYER_TABLE, table -> table.replace("Payer requirements: self-pay,",
                        "Payer requirements: Medicare Advantage,ELIGIBLE,MEDICARE_ADVANTAGE,yes,yes,9,\nPayer requirements: self-pay,")),
                null);
        assertThat(version).as("a vocabulary added to: minor").isEqualTo("1.1.0");

        String body = request("MEDICARE_ADVANTAGE", "F10.20", "1/0/2/1/2/1", "");
        Reply accepted = decide("", body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(codes(accepted, "payer", "requirements")).containsExactly("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION");
        assertThat(accepted.body()).contains("Payer requirements: Medicare Advantage");

        Reply refused = decide("?release=1.0.0", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"payer\"", "MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
    }

    @Test
    @Order(2)
    void levels_of_the_fourth_edition_are_ordered_named_and_used_by_rules() throws Exception {
        String version = release("ASAM 4th edition levels 1.7 and 2.7", Map.of(
                VOCABULARY + "levels-of-care.csv", csv -> csv
                        .replace("1,Outpatient Services\n", "1,Outpatient Services\n1.7,Medically Managed Outpatient\n")
                        .replace("2.5,Partial Hospitalization (PHP)\n",
                                "2.5,Partial Hospitalization (PHP)\n2.7,Medically Managed Intensive Outpatient\n")),
                """

                rule "Step-down from 2.7: at least 1.7"
                when
                    Assessment( currentLevel == LevelOfCare.of("2.7") )
                then
                    insert( new LevelOverride( LevelOfCare.of("1.7") ) );
                end
                """);
        assertThat(version).isEqualTo("1.2.0");

        Reply stepDown = decide("", request("COMMERCIAL", "F10.20", "1/1/1/1/1/1", ",\"currentLevel\":\"2.7\""));
        assertThat(stepDown.status()).as(stepDown.body()).isEqualTo(200);
        assertThat(stepDown.json().get("level")).isEqualTo(Map.of("code", "1.7", "name", "Medically Managed Outpatient"));
        assertThat(stepDown.body()).contains("Step-down from 2.7: at least 1.7");
        assertThat(decide("?release=1.0.0", request("COMMERCIAL", "F10.20", "1/1/1/1/1/1", ",\"currentLevel\":\"2.7\"")).status())
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void a_new_category_qualifies_its_diagnoses_for_iop() throws Exception {
        String ocd = request("COMMERCIAL", "F42.2", "1/0/2/1/2/1", "");
        Reply before = decide("", ocd);
        assertThat(((Map<?, ?>) before.json().get("iop")).get("status")).isEqualTo("NOT_ELIGIBLE");

        release("Obsessive-compulsive disorder qualifies for IOP", Map.of(
                VOCABULARY + "diagnosis-categories.csv", append("OBSESSIVE_COMPULSIVE,Obsessive-compulsive disorder,yes"),
                CATEGORY_TABLE, table -> table.replace("Diagnosis category: trauma-related disorder,",
                        "Diagnosis category: obsessive-compulsive disorder,F42,OBSESSIVE_COMPULSIVE\n"
                                + "Diagnosis category: trauma-related disorder,")),
                null);

        Reply after = decide("", ocd);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(((Map<?, ?>) after.json().get("iop")).get("status")).isEqualTo("ELIGIBLE");
        assertThat(after.body()).contains("Diagnosis category: obsessive-compulsive disorder");
    }

    @Test
    @Order(4)
    void a_new_requirement_code_comes_with_its_days() throws Exception {
        release("Medicare Advantage concurrent review every 14 days", Map.of(
                VOCABULARY + "payer-requirements.csv", append("CONCURRENT_REVIEW,Concurrent review")), """

                rule "Payer requirements: Medicare Advantage concurrent review"
                when
                    IopDetermination( status == IopStatus.ELIGIBLE )
                    Assessment( payer == Payer.of("MEDICARE_ADVANTAGE") )
                then
                    insert( PayerRequirement.every( PayerRequirementCode.of("CONCURRENT_REVIEW"), 14 ) );
                end
                """);

        Reply reply = decide("", request("MEDICARE_ADVANTAGE", "F10.20", "1/0/2/1/2/1", ""));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<Object> requirements = List.copyOf((List<?>) ((Map<?, ?>) reply.json().get("payer")).get("requirements"));
        assertThat(requirements).contains((Object) Map.of("code", "CONCURRENT_REVIEW", "days", 14));
        assertThat(codes(reply, "payer", "requirements")).as("in the vocabulary's order")
                .containsExactly("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION", "CONCURRENT_REVIEW");
    }

    @Test
    @Order(5)
    void a_new_boolean_input_drives_a_new_exclusion() throws Exception {
        String pregnant = request("COMMERCIAL", "F10.20", "1/0/2/1/2/1", ",\"pregnant\":true");
        Reply before = decide("", pregnant);
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.body()).contains("pregnant");

        release("Pregnancy: IOP with obstetric coordination first", Map.of(
                VOCABULARY + "request-fields.csv", append("pregnant,boolean,,,The patient is pregnant"),
                VOCABULARY + "iop-reasons.csv", csv -> csv.replace("HIGHER_LEVEL_REQUIRED,",
                        "PREGNANCY_NEEDS_OBSTETRIC_COORDINATION,Pregnancy: coordinate with obstetric care before IOP.\n"
                                + "HIGHER_LEVEL_REQUIRED,")), """

                rule "IOP exclusion: pregnancy needs obstetric coordination"
                    salience -50
                when
                    Assessment( yes("pregnant") )
                then
                    insert( new IopExclusion( IopReason.of("PREGNANCY_NEEDS_OBSTETRIC_COORDINATION") ) );
                end
                """);

        Reply excluded = decide("", pregnant);
        assertThat(excluded.status()).as(excluded.body()).isEqualTo(200);
        Map<?, ?> iop = (Map<?, ?>) excluded.json().get("iop");
        assertThat(iop.get("status")).isEqualTo("NOT_ELIGIBLE");
        assertThat(List.<Object>copyOf((List<?>) iop.get("reasons"))).contains((Object) Map.of("code", "PREGNANCY_NEEDS_OBSTETRIC_COORDINATION",
                "message", "Pregnancy: coordinate with obstetric care before IOP."));
        Reply notPregnant = decide("", request("COMMERCIAL", "F10.20", "1/0/2/1/2/1", ",\"pregnant\":false"));
        assertThat(((Map<?, ?>) notPregnant.json().get("iop")).get("status")).isEqualTo("ELIGIBLE");
        Reply coerced = decide("", request("COMMERCIAL", "F10.20", "1/0/2/1/2/1", ",\"pregnant\":\"yes\""));
        assertThat(coerced.status()).as("no coercion").isEqualTo(400);
        assertThat(coerced.body()).contains("\"field\":\"pregnant\"");
    }

    @Test
    @Order(6)
    void a_misspelt_payer_in_a_table_cell_is_a_compile_error_at_its_cell() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Typo", "Testing the compiler", "dana");
        String table = text(request.id(), PAYER_TABLE).replace("Payer requirements: TRICARE,ELIGIBLE,TRICARE,",
                "Payer requirements: TRICARE,ELIGIBLE,TRICAR,");
        changes.save(request.id(), PAYER_TABLE, table, revision(request.id(), PAYER_TABLE), "dana", "typo");
        CheckReport report = changes.check(request.id(), "dana");
        assertThat(report.compileProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isNotNull();
            assertThat(problem.cell().value()).isEqualTo("TRICAR");
            assertThat(problem.cell().heading()).isEqualTo("Payer");
            assertThat(problem.message()).contains("'TRICAR' is not a payer", "MEDICARE_ADVANTAGE", "SELF_PAY");
        });
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).isInstanceOf(SubmissionRefusedException.class);
    }

    @Test
    @Order(7)
    void removing_a_payer_is_a_breaking_change_counted_from_the_logged_requests_of_90_days() {
        String sql = "insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, "
                + "duration_micros) values (?, 'intake', 'r', '1.5.0', ?, '{}', 1)";
        Instant now = Instant.now();
        jdbc.update(sql, Timestamp.from(now.minus(1, ChronoUnit.DAYS)), request("TRICARE", "F10.20", "1/0/2/1/2/1", ""));
        jdbc.update(sql, Timestamp.from(now.minus(89, ChronoUnit.DAYS)), request("TRICARE", "F41.1", "1/0/2/1/2/1", ""));
        jdbc.update(sql, Timestamp.from(now.minus(120, ChronoUnit.DAYS)), request("TRICARE", "F41.1", "1/0/2/1/2/1", ""));
        jdbc.update(sql, Timestamp.from(now.minus(2, ChronoUnit.DAYS)), request("MEDICARE", "F41.1", "1/0/2/1/2/1", ""));

        // The decisions asked above are logged too (two of them carried pregnant); the log writes behind the answer.
        assertThat(decisionLog.flush(java.time.Duration.ofSeconds(30))).isTrue();
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("No more TRICARE contract", "Contract ended", "dana");
        String payers = VOCABULARY + "payers.csv";
        changes.save(request.id(), payers, text(request.id(), payers).replace("TRICARE,TRICARE\n", ""),
                revision(request.id(), payers), "dana", "contract ended");
        String fields = VOCABULARY + "request-fields.csv";
        changes.save(request.id(), fields, text(request.id(), fields).replace("pregnant,boolean,,,The patient is pregnant\n", ""),
                revision(request.id(), fields), "dana", "not asked any more");
        assertThat(compatibility.breaksCallers(request.id())).isTrue();
        // Counting reads patient data: an author is refused
        assertThatThrownBy(() -> compatibility.breakingChanges(request.id(), "dana"))
                .isInstanceOf(org.springframework.security.authorization.AuthorizationDeniedException.class);

        SignedIn.as("rita", Role.REVIEWER);
        assertThat(compatibility.breakingChanges(request.id(), "rita")).containsExactly(
                new BreakingChange("Payer TRICARE removed", "requests naming it are refused (400)", 2),
                new BreakingChange("Request field pregnant removed", "requests carrying it are refused (400)", 2));
        // Its rules still read pregnant and name TRICARE: the impact says why it cannot be computed, naming the place
        assertThatThrownBy(() -> impact.analyse(request.id(), 10, "rita")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payer-requirements.drl.csv row 13, Payer (C): 'TRICARE' is not a payer");
        SignedIn.as("auditor", Role.ADMIN);
        assertThat(audit.find(new AuditQuery("rita", "decision-log.read", null, null, null))).extracting(AuditEntry::detail)
                .filteredOn(d -> d.startsWith("compatibility")).singleElement().asString().matches("compatibility count over \\d+ logged decisions of the last 90 days");
    }

    @Test
    @Order(8)
    void a_case_the_deployed_release_cannot_decide_is_shown_in_the_impact_not_dropped() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Level 3.3", "A new residential level", "dana");
        String levels = VOCABULARY + "levels-of-care.csv";
        changes.save(request.id(), levels, text(request.id(), levels).replace("3.5,", "3.3,Clinically Managed Population-Specific "
                + "High-Intensity Residential\n3.5,"), revision(request.id(), levels), "dana", "new level");
        changes.create(request.id(), "scenarios/level-3-3.yaml", com.careplace.workbench.rules.AssetTemplates.scenarioSuite("Level 3.3")
                .replace("      payer: COMMERCIAL\n", "      payer: COMMERCIAL\n      currentLevel: \"3.3\"\n"), "dana", "a patient in 3.3");

        SignedIn.as("rita", Role.REVIEWER);
        Impact result = impact.analyse(request.id(), 0, "rita");
        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.label()).contains("Level 3.3");
            assertThat(c.before().undecided()).as("release 1.5.0 has no level 3.3").isTrue();
            assertThat(c.before().iopStatus()).contains("'3.3' is not a level of care of this release");
            assertThat(c.after().undecided()).isFalse();
        });
    }
}
