package com.careplace.decision.release;

import com.careplace.decision.ApiClient;
import com.careplace.decision.PlacementApiContract;
import com.careplace.decision.TestDatabases;
import com.careplace.decision.TestReleases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each request is read in the vocabulary of the release that answers it: a payer a newer release added
 * is accepted there and refused, with the allowed payers listed, by a release pinned from before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careplace.decision.bootstrap-api-key=" + ReleaseVocabularyTest.KEY)
@DirtiesContext
class ReleaseVocabularyTest {

    static final String KEY = "vocabulary-test-key-0001";
    private static final String PATH = "/api/v1/decisions/placement";
    private static final String MEDICARE_ADVANTAGE = PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12,
            "MEDICARE_ADVANTAGE", "");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    ReleaseService releases;
    @Autowired
    ReleaseStore store;
    @Autowired
    ReleaseSignatures signatures;

    ApiClient api;

    @BeforeEach
    void deployed() {
        api = new ApiClient(port, KEY);
        if (store.findByVersion("1.1.0").isEmpty()) {
            releases.publish("1.1.0", TestReleases.medicareAdvantage("1.1.0"), "author");
        }
        releases.deploy("1.1.0", "deployer");
    }

    @Test
    void the_payer_a_release_added_is_accepted_and_gets_its_requirements() {
        ApiClient.Reply reply = api.post(PATH, MEDICARE_ADVANTAGE);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION",
                "Payer requirements: Medicare Advantage");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requirements = (List<Map<String, Object>>) ((Map<String, Object>) reply.json().get("payer"))
                .get("requirements");
        assertThat(requirements).extracting(r -> r.get("code"))
                .containsExactly("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION", "RECERTIFICATION");
    }

    @Test
    void a_release_pinned_from_before_refuses_it_listing_the_payers_it_knows() {
        ApiClient.Reply reply = api.post(PATH + "?release=1.0.0", MEDICARE_ADVANTAGE);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"field\":\"payer\"", "MEDICARE_ADVANTAGE",
                "MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY").doesNotContain("MEDICARE_ADVANTAGE, ");
        assertThat(api.post(PATH + "?release=1.0.0", PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12,
                "MEDICARE", "")).status()).isEqualTo(200);
    }

    @Test
    void the_openapi_description_lists_the_payers_of_the_release_it_describes() {
        String active = api.get("/v3/api-docs").body();
        assertThat(active).contains("MEDICARE_ADVANTAGE", "release 1.1.0");
        String pinned = api.get("/v3/api-docs?release=1.0.0").body();
        assertThat(pinned).contains("\"SELF_PAY\"", "release 1.0.0").doesNotContain("MEDICARE_ADVANTAGE");
    }

    /**
     * The description is public: fetching it must not make a node build a release (compiling is costly and
     * would hold releases nobody deployed). A stored release the node does not hold is named, not loaded.
     */
    @Test
    void fetching_the_description_of_a_release_never_loads_it() {
        byte[] bytes = TestReleases.medicareAdvantage("1.9.0");
        Release stored = new Release(java.util.UUID.randomUUID().toString(), "1.9.0", com.careplace.decision.base.Sha256.hex(bytes),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), "tool");
        store.insert(stored, bytes, signatures.sign(stored));

        ApiClient.Reply docs = api.get("/v3/api-docs?release=1.9.0");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("release 1.9.0 is not held by this node");
        assertThat(releases.held("1.9.0")).isEmpty();
        // It is loadable: pinning a decision on it loads it, and then the description is its own
        assertThat(releases.forRequest("1.9.0").release().version()).isEqualTo("1.9.0");
        assertThat(releases.held("1.9.0")).isPresent();
        assertThat(api.get("/v3/api-docs?release=1.9.0").body()).contains("v1, release 1.9.0");
    }
}
