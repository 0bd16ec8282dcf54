package com.careplace.decision;

import com.careplace.decision.apikey.ApiKeys;
import com.careplace.decision.decisionlog.DecisionLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision API tested as an integrating system uses it: real HTTP, real keys, a real database.
 * Run on H2 and on PostgreSQL by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"careplace.decision.bootstrap-api-key=" + PlacementApiContract.KEY,
                "careplace.decision.operations-key=" + PlacementApiContract.OPERATIONS_KEY})
public abstract class PlacementApiContract {

    static final String KEY = "contract-test-key-0001";
    /** What Prometheus and operators present to the actuator. */
    public static final String OPERATIONS_KEY = "contract-operations-key-0001";
    static final String PATH = "/api/v1/decisions/placement";

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys keys;
    @Autowired
    DecisionLog decisionLog;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, KEY);
    }

    public static String request(int age, String diagnoses, String dims, int hours, String payer, String extra) {
        String[] r = dims.split("/");
        return "{\"age\":" + age + ",\"diagnoses\":[" + diagnoses + "],\"dimensions\":{\"d1\":" + r[0] + ",\"d2\":" + r[1]
                + ",\"d3\":" + r[2] + ",\"d4\":" + r[3] + ",\"d5\":" + r[4] + ",\"d6\":" + r[5] + "},"
                + "\"availableHoursPerWeek\":" + hours + ",\"payer\":\"" + payer + "\"" + extra + "}";
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> json, String... path) {
        Object node = json;
        for (String key : path) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    static List<String> codes(Map<String, Object> json, String... path) {
        List<Map<String, Object>> items = at(json, path);
        return items.stream().map(i -> (String) i.get("code")).toList();
    }

    @Test
    void workedExample1() {
        ApiClient.Reply reply = api.post(PATH, request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL",
                ",\"requestId\":\"abc-1\""));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        Map<String, Object> d = reply.json();
        assertThat(d.get("requestId")).isEqualTo("abc-1");
        assertThat(String.valueOf((Object) at(d, "release", "version"))).isEqualTo("1.0.0");
        assertThat(String.valueOf((Object) at(d, "release", "id"))).isNotBlank();
        assertThat(d.get("level")).isEqualTo(Map.of("code", "2.1", "name", "Intensive Outpatient (IOP)"));
        assertThat(d.get("drivingDimensions")).isEqualTo(List.of("D3", "D5"));
        assertThat(String.valueOf((Object) at(d, "iop", "status"))).isEqualTo("ELIGIBLE");
        assertThat(codes(d, "iop", "reasons")).containsExactly("MEETS_IOP_CRITERIA");
        assertThat((Object) at(d, "iop", "weeklyHours")).isEqualTo(Map.of("min", 9, "max", 19));
        assertThat((Object) at(d, "payer", "requirements")).isEqualTo(List.of(Map.of("code", "PRIOR_AUTHORIZATION")));
        assertThat((Object) at(d, "payer", "warnings")).isEqualTo(List.of());
        assertThat((List<String>) at(d, "firedRules")).contains("P1 highest dimension wins", "Payer requirements: commercial");
    }

    @Test
    void workedExample2() {
        Map<String, Object> d = api.post(PATH, request(45, "\"F10.239\"", "3/1/1/1/2/1", 15, "MEDICAID", "")).json();
        assertThat(d).doesNotContainKey("requestId");
        assertThat(String.valueOf((Object) at(d, "level", "code"))).isEqualTo("3.7");
        assertThat(d.get("drivingDimensions")).isEqualTo(List.of("D1"));
        assertThat(String.valueOf((Object) at(d, "iop", "status"))).isEqualTo("NOT_ELIGIBLE");
        assertThat(codes(d, "iop", "reasons")).containsExactly("WITHDRAWAL_NEEDS_MEDICAL_MANAGEMENT", "HIGHER_LEVEL_REQUIRED");
    }

    @Test
    void workedExample3() {
        Map<String, Object> d = api.post(PATH, request(15, "\"F12.10\"", "0/0/1/2/2/1", 8, "TRICARE", "")).json();
        assertThat(String.valueOf((Object) at(d, "level", "code"))).isEqualTo("2.1");
        assertThat(d.get("drivingDimensions")).isEqualTo(List.of("D5"));
        assertThat(String.valueOf((Object) at(d, "iop", "status"))).isEqualTo("ELIGIBLE");
        assertThat((Object) at(d, "iop", "weeklyHours")).isEqualTo(Map.of("min", 6, "max", 19));
        assertThat((Object) at(d, "payer", "requirements")).isEqualTo(List.of(Map.of("code", "PRIOR_AUTHORIZATION")));
    }

    @Test
    void workedExample4() {
        Map<String, Object> d = api.post(PATH, request(29, "\"F17.210\"", "0/0/0/0/0/0", 10, "SELF_PAY", "")).json();
        assertThat(String.valueOf((Object) at(d, "level", "code"))).isEqualTo("0.5");
        assertThat(d.get("drivingDimensions")).isEqualTo(List.of());
        assertThat(String.valueOf((Object) at(d, "iop", "status"))).isEqualTo("NOT_ELIGIBLE");
        assertThat(codes(d, "iop", "reasons")).containsExactly("NO_QUALIFYING_DIAGNOSIS");
    }

    @Test
    void workedExample5() {
        Map<String, Object> d = api.post(PATH, request(52, "\"F32.1\"", "0/1/1/1/1/1", 10, "MEDICARE",
                ",\"currentLevel\":\"2.5\"")).json();
        assertThat(String.valueOf((Object) at(d, "level", "code"))).isEqualTo("1");
        assertThat(d.get("drivingDimensions")).isEqualTo(List.of("D1", "D2", "D3", "D4", "D5", "D6"));
        assertThat(codes(d, "iop", "reasons")).containsExactly("STEP_DOWN");
        assertThat((Object) at(d, "payer", "requirements")).isEqualTo(List.of(Map.of("code", "PHYSICIAN_CERTIFICATION"),
                Map.of("code", "RECERTIFICATION", "days", 60)));
    }

    @Test
    void weeklyHoursIsNullUnderTwelve() {
        ApiClient.Reply reply = api.post(PATH, request(10, "\"F41.1\"", "0/0/2/0/0/0", 0, "MEDICAID", ""));
        assertThat(reply.body()).contains("\"weeklyHours\":null");
    }

    @Test
    void invalidFieldsAreAllNamedInAProblem() {
        ApiClient.Reply reply = api.post(PATH, "{\"age\":\"30\",\"diagnoses\":[\"F10.20\",\"NOPE\"],"
                + "\"dimensions\":{\"d1\":1,\"d2\":0,\"d3\":2.5,\"d4\":1,\"d5\":true,\"d6\":1,\"d7\":0},"
                + "\"availableHoursPerWeek\":12,\"payer\":\"COMMERCIAL\",\"currentLevel\":2.5,\"favoriteColor\":\"blue\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        List<Map<String, Object>> errors = at(reply.json(), "errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("favoriteColor", "age",
                "diagnoses[1]", "dimensions.d7", "dimensions.d3", "dimensions.d5", "currentLevel");
        assertThat(errors).allSatisfy(e -> assertThat((String) e.get("message")).isNotBlank());
    }

    @Test
    void malformedEmptyAndNonObjectBodiesAre400() {
        for (String body : List.of("{\"age\":", "", "   ", "[]", "42", "{\"age\":1}{}", "{\"age\":34,\"age\":35}")) {
            ApiClient.Reply reply = api.post(PATH, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.contentType()).as(body).startsWith("application/problem+json");
            assertThat((Object) at(reply.json(), "errors", "0", "field").toString()).as(body).isEqualTo("$");
        }
    }

    @Test
    void oversizeBodyIs413AndWrongMediaTypeIs415() {
        String huge = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL",
                ",\"requestId\":\"" + "x".repeat(70_000) + "\"");
        assertThat(api.post(PATH, huge).status()).isEqualTo(413);
        ApiClient.Reply text = api.post(PATH, "{}", "text/plain", KEY);
        assertThat(text.status()).isEqualTo(415);
        assertThat(api.post(PATH, "{}", null, KEY).status()).isEqualTo(415);
    }

    @Test
    void noKeyWrongKeyAndRevokedKeyAre401AndNothingIsLogged() {
        decisionLog.flush(Duration.ofSeconds(10));
        long before = jdbc.queryForObject("select count(*) from decision_log", Long.class);
        String valid = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
        assertThat(api.post(PATH, valid, "application/json", null).status()).isEqualTo(401);
        assertThat(api.post(PATH, valid, "application/json", "not-a-key").status()).isEqualTo(401);
        ApiKeys.IssuedKey portal = keys.issue("intake-portal-" + port);
        assertThat(api.post(PATH, valid, "application/json", portal.key()).status()).isEqualTo(200);
        keys.revoke(portal.caller());
        ApiClient.Reply revoked = api.post(PATH, valid, "application/json", portal.key());
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        decisionLog.flush(Duration.ofSeconds(10));
        assertThat(jdbc.queryForObject("select count(*) from decision_log", Long.class)).isEqualTo(before + 1);
        assertThat(jdbc.queryForList("select key_hash from api_key", String.class)).doesNotContain(portal.key(), KEY);
    }

    @Test
    void pinnedReleaseAnswersAndUnknownReleaseIs404() {
        String valid = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
        ApiClient.Reply pinned = api.post(PATH + "?release=1.0.0", valid);
        assertThat(pinned.status()).isEqualTo(200);
        assertThat((Object) at(pinned.json(), "release", "version").toString()).isEqualTo("1.0.0");
        ApiClient.Reply unknown = api.post(PATH + "?release=7.7.7", valid);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").toString()).contains("7.7.7");
    }

    @Test
    void batchAnswersInOrderEachWithItsOwnErrors() {
        String ok = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ",\"requestId\":\"first\"");
        String bad = "{\"age\":200,\"requestId\":\"second\"}";
        String late = request(45, "\"F10.239\"", "3/1/1/1/2/1", 15, "MEDICAID", ",\"requestId\":\"third\"");
        ApiClient.Reply reply = api.post(PATH + "/batch", "[" + ok + "," + bad + "," + late + "]");
        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> results = at(reply.json(), "results");
        assertThat(results).extracting(r -> r.get("status")).containsExactly(200, 400, 200);
        assertThat((Object) at(reply.json(), "results", "0", "decision", "requestId").toString()).isEqualTo("first");
        assertThat((Object) at(reply.json(), "results", "2", "decision", "level", "code").toString()).isEqualTo("3.7");
        List<Map<String, Object>> errors = at(reply.json(), "results", "1", "errors");
        assertThat(errors).extracting(e -> e.get("field")).contains("age", "dimensions", "payer");
    }

    @Test
    void batchOverTheLimitIsRefusedWhole() {
        String one = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
        String many = "[" + String.join(",", java.util.Collections.nCopies(1001, one)) + "]";
        ApiClient.Reply reply = api.post(PATH + "/batch", many);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(String.valueOf((Object) at(reply.json(), "errors", "0", "message"))).contains("1 to 1000", "1001");
        assertThat(api.post(PATH + "/batch", "{}").status()).isEqualTo(400);
    }

    @Test
    void everyDecisionIsInTheDecisionLog() {
        String body = request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ",\"requestId\":\"logged-" + port + "\"");
        assertThat(api.post(PATH, body).status()).isEqualTo(200);
        assertThat(decisionLog.flush(Duration.ofSeconds(10))).isTrue();
        Map<String, Object> row = jdbc.queryForMap("select caller, release_version, request_json, decision_json, duration_micros "
                + "from decision_log where request_json like ?", "%logged-" + port + "%");
        assertThat(row.get("caller")).isEqualTo("bootstrap");
        assertThat(row.get("release_version")).isEqualTo("1.0.0");
        assertThat(row.get("request_json")).isEqualTo(body);
        assertThat(row.get("decision_json").toString()).contains("\"MEETS_IOP_CRITERIA\"");
    }

    @Test
    void retentionDeletesOnlyDecisionsOlderThanTheCutoff() {
        api.post(PATH, request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ""));
        decisionLog.flush(Duration.ofSeconds(10));
        jdbc.update("insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, "
                + "duration_micros) values (?, 'old', 'r', '0.9.0', '{}', '{}', 1)",
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(400))));
        long before = jdbc.queryForObject("select count(*) from decision_log", Long.class);
        assertThat(decisionLog.deleteBefore(java.time.Instant.now().minus(Duration.ofDays(365)))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from decision_log", Long.class)).isEqualTo(before - 1);
        assertThat(jdbc.queryForObject("select count(*) from decision_log where caller = 'old'", Long.class)).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void patientDataNeverReachesTheLogs(CapturedOutput output) {
        String marker = "zq7patientmarker";
        api.post(PATH, request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ",\"requestId\":\"" + marker + "\""));
        api.post(PATH, "{\"age\":\"" + marker + "\",\"" + marker + "\":1}");
        api.post(PATH, "{\"age\":" + marker);
        api.post(PATH + "/batch", "[{\"requestId\":\"" + marker + "\"}]");
        api.post(PATH, "{\"requestId\":\"" + marker + "\"}", "application/json", "wrong-key");
        decisionLog.flush(Duration.ofSeconds(10));
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void openApiDescribesTheFieldRules() {
        ApiClient.Reply docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/decisions/placement", "/api/v1/decisions/placement/batch",
                "\"maximum\":120", "\"maximum\":168", "\"maxItems\":50", "^[A-TV-Z][0-9][0-9AB]", "ACTIVE_IDEATION_WITH_PLAN",
                "bearer");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void readyWithAReleaseAndMetricsExposed() {
        ApiClient.Reply ready = api.get("/actuator/health/readiness", OPERATIONS_KEY);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"active\":\"1.0.0\"");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").body()).as("a probe without the key: the status alone")
                .isEqualTo("{\"status\":\"UP\"}");
        api.post(PATH, request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ""));
        assertThat(api.get("/actuator/prometheus").status()).as("metrics without the key").isEqualTo(401);
        String metrics = api.get("/actuator/prometheus", OPERATIONS_KEY).body();
        assertThat(metrics).contains("careplace_decisions_seconds_bucket{iop=\"ELIGIBLE\",level=\"2.1\",release=\"1.0.0\"",
                "careplace_release_swaps_total{result=\"swapped\"}");
    }
}
