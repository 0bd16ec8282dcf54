package com.careplace.workbench.review;

import com.careplace.workbench.TricareMinimum;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.release.Deployments;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.audit.AuditEntry;
import com.careplace.workbench.audit.AuditQuery;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.AssetChange;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.ReviewerComments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.careplace.placement.RuleCompilation;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** From a submitted change to a deployed release and back, with four eyes, on the embedded decision service. */
@SpringBootTest(classes = WorkbenchApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class ReviewServiceTest {

    private static final String PAYER = TricareMinimum.TABLE;
    private static final String SUITE = TricareMinimum.SUITE;
    private static final Map<String, Object> TEEN_TRICARE_6_HOURS = Map.of("age", 13, "diagnoses", List.of("F41.1"),
            "dimensions", Map.of("d1", 0, "d2", 0, "d3", 2, "d4", 1, "d5", 1, "d6", 1), "availableHoursPerWeek", 6, "payer", "TRICARE");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    ChangeRequestService changes;
    @Autowired
    ReviewService review;
    @Autowired
    ReleaseService releases;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImpactAnalysis impact;
    @Autowired
    ReviewerComments reviewerComments;
    @Autowired
    Deployments deployments;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static void reviewer(String name) {
        SignedIn.as(name, Role.REVIEWER);
    }

    private String text(String changeRequestId, String path) {
        return changes.assets(changeRequestId).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
    }

    /** Dana raises TRICARE's minimum to 7 hours and updates the one scenario it changes, then submits. */
    private ChangeRequest submittedTricareChange(String author) {
        SignedIn.as(author, Role.AUTHOR);
        ChangeRequest request = changes.open("TRICARE minimum 7 hours", "TRICARE manual 2026", author);
        changes.save(request.id(), PAYER, TricareMinimum.table(text(request.id(), PAYER), 7), 1, author, "TRICARE minimum is 7 hours");
        changes.save(request.id(), SUITE, TricareMinimum.suiteExpectingWarning(text(request.id(), SUITE)), 1, author,
                "Now below TRICARE's minimum");
        changes.submit(request.id(), author);
        return request;
    }

    private List<PayerWarning> activeWarnings() {
        return releases.forRequest(null).evaluator().evaluate(PlacementRequestReader.read(TEEN_TRICARE_6_HOURS)).payer().warnings();
    }

    @Test
    void nobodyApprovesTheirOwnChangeRequest() {
        ChangeRequest request = submittedTricareChange("dana");
        SignedIn.as("dana", Role.AUTHOR, Role.REVIEWER);
        assertThatThrownBy(() -> review.approve(request.id(), "dana", "looks good", null, changes.stamp(request.id()))).isInstanceOf(FourEyesException.class)
                .hasMessage("dana wrote, edited or submitted change request 'TRICARE minimum 7 hours' and cannot review it; another reviewer must");
        assertThatThrownBy(() -> changes.merge(request.id())).as("authoring merges only inside a verdict's transaction, not around four eyes")
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(releases.releases()).extracting(r -> r.version()).containsExactly("1.0.0");
    }

    @Test
    void someoneWhoEditedTheChangeRequestCannotApproveItEither() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Medicaid wording", "Bulletin", "dana");
        SignedIn.as("lee", Role.AUTHOR, Role.REVIEWER);
        changes.save(request.id(), PAYER, TricareMinimum.table(text(request.id(), PAYER), 7), 1, "lee", "lee helped");
        SignedIn.as("dana", Role.AUTHOR);
        changes.save(request.id(), SUITE, TricareMinimum.suiteExpectingWarning(text(request.id(), SUITE)), 1, "dana", "suite");
        changes.submit(request.id(), "dana");
        SignedIn.as("lee", Role.AUTHOR, Role.REVIEWER);
        assertThatThrownBy(() -> review.approve(request.id(), "lee", "ok", null, changes.stamp(request.id()))).isInstanceOf(FourEyesException.class)
                .hasMessageStartingWith("lee wrote, edited or submitted");
        reviewer("rita");
        assertThat(review.approve(request.id(), "rita", "ok", null, changes.stamp(request.id())).release().version()).isEqualTo("1.0.1");
    }

    /** Approval is bound to what the reviewer's screen showed: sent back, edited and resubmitted meanwhile, it is refused. */
    @Test
    void aVerdictOnWhatTheReviewerNoLongerSeesIsRefused() {
        ChangeRequest request = submittedTricareChange("dana");
        reviewer("rita");
        String ritasPage = changes.stamp(request.id());
        reviewer("sam");
        review.reject(request.id(), "sam", "Use 8 hours", changes.stamp(request.id()));
        SignedIn.as("dana", Role.AUTHOR);
        changes.save(request.id(), PAYER, TricareMinimum.table(text(request.id(), PAYER), 8), 2, "dana", "8 hours");
        changes.submit(request.id(), "dana");

        reviewer("rita");
        assertThatThrownBy(() -> review.approve(request.id(), "rita", "ok", null, ritasPage)).isInstanceOf(ChangedSinceSeenException.class)
                .hasMessageContaining("changed after you opened it");
        assertThatThrownBy(() -> review.reject(request.id(), "rita", "no", ritasPage)).isInstanceOf(ChangedSinceSeenException.class);
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(releases.releases()).extracting(r -> r.version()).containsExactly("1.0.0");
        // Reloaded, the reviewer sees the 8-hour version and may approve it.
        assertThat(review.approve(request.id(), "rita", "ok", null, changes.stamp(request.id())).release().version()).isEqualTo("1.0.1");
    }

    /** Mainline moved under two change requests: one changed other rows (combined), one the same row (a choice). */
    @Test
    void aChangeRequestMainlineMovedUnderIsBroughtUpToDate() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest medicaid = changes.open("Medicaid wording", "Bulletin", "dana");
        String medicaidEdit = text(medicaid.id(), PAYER).replace("Payer requirements: Medicaid,", "Payer requirements: Medicaid (state plan),");
        changes.save(medicaid.id(), PAYER, medicaidEdit, 1, "dana", "State plan name");
        ChangeRequest eight = changes.open("TRICARE 8 hours", "Draft", "dana");
        changes.save(eight.id(), PAYER, TricareMinimum.table(text(eight.id(), PAYER), 8), 1, "dana", "8 hours?");
        assertThat(changes.staleAssets(medicaid.id())).as("mainline has not moved yet").isEmpty();
        ChangeRequest seven = submittedTricareChange("lee");
        reviewer("rita");
        review.approve(seven.id(), "rita", "ok", null, changes.stamp(seven.id()));
        SignedIn.as("dana", Role.AUTHOR);

        ChangeRequestService.StaleAsset stale = changes.staleAssets(medicaid.id()).stream().filter(a -> a.path().equals(PAYER))
                .findFirst().orElseThrow();
        assertThat(stale.conflicts()).isTrue();
        assertThat(stale.combined()).contains("Payer requirements: Medicaid (state plan),", "ELIGIBLE,TRICARE,yes,no,7,");
        changes.bringUpToDate(medicaid.id(), PAYER, ChangeRequestService.UpToDate.COMBINE, "dana", "TRICARE 7 approved meanwhile");
        assertThat(changes.staleAssets(medicaid.id())).isEmpty();
        assertThat(text(medicaid.id(), PAYER)).isEqualTo(stale.combined());
        assertThat(changes.changedAssets(medicaid.id())).extracting(AssetChange::path).as("only its own change against mainline now")
                .containsExactly(PAYER);

        ChangeRequestService.StaleAsset same = changes.staleAssets(eight.id()).getFirst();
        assertThat(same.combined()).as("both changed TRICARE's row").isNull();
        assertThatThrownBy(() -> changes.bringUpToDate(eight.id(), PAYER, ChangeRequestService.UpToDate.COMBINE, "dana", "try"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("changed the same lines");
        changes.bringUpToDate(eight.id(), PAYER, ChangeRequestService.UpToDate.TAKE_MAINLINE, "dana", "7 it is");
        assertThat(text(eight.id(), PAYER)).contains("ELIGIBLE,TRICARE,yes,no,7,");
        assertThat(changes.staleAssets(eight.id())).isEmpty();
        reviewer("rita"); // the audit trail is read by reviewers
        assertThat(audit.find(new AuditQuery("dana", "asset.rebase", null, null, null))).extracting(AuditEntry::detail)
                .anySatisfy(d -> assertThat(d).endsWith("combined its changes with mainline's: TRICARE 7 approved meanwhile"))
                .anySatisfy(d -> assertThat(d).endsWith("took mainline's version: 7 it is"));
    }

    @Test
    void aFailedApprovalLeavesNeitherMainlineNorTheNodeChanged() {
        ChangeRequest request = submittedTricareChange("dana");
        reviewer("rita");
        assertThatThrownBy(() -> review.approve(request.id(), "rita", "x".repeat(5000), null, changes.stamp(request.id()))).isNotNull();
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(releases.releases()).extracting(r -> r.version()).containsExactly("1.0.0");
        assertThatThrownBy(() -> releases.forRequest("1.0.1")).as("not cached on the node either")
                .isInstanceOf(com.careplace.decision.release.UnknownReleaseException.class);
    }

    @Test
    void rejectedRequestsGoBackToTheAuthorWithTheComment() {
        ChangeRequest request = submittedTricareChange("dana");
        reviewer("rita");
        assertThatThrownBy(() -> review.reject(request.id(), "rita", " ", changes.stamp(request.id()))).hasMessage("comment is required");
        review.reject(request.id(), "rita", "Cite the manual section", changes.stamp(request.id()));
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);
        assertThat(jdbc.queryForObject("select comment from review where change_request_id = ?", String.class, request.id()))
                .isEqualTo("Cite the manual section");
        assertThat(audit.find(new AuditQuery("rita", "change-request.reject", null, null, null)))
                .extracting(AuditEntry::detail).containsExactly("Cite the manual section");
        // Kept once, in review; the author's screens ask review for it.
        assertThat(reviewerComments.sentBack(changes.changeRequest(request.id())))
                .hasValueSatisfying(c -> assertThat(c.reviewer() + ": " + c.comment()).isEqualTo("rita: Cite the manual section"));
        assertThat(jdbc.queryForList("select column_name from information_schema.columns where lower(table_name) = 'change_request'",
                String.class)).map(String::toLowerCase).doesNotContain("reviewed_by", "review_comment");

        SignedIn.as("dana", Role.AUTHOR);
        changes.submit(request.id(), "dana");
        assertThat(reviewerComments.sentBack(changes.changeRequest(request.id()))).as("submitted again: no longer sent back").isEmpty();
        reviewer("rita");
        review.approve(request.id(), "rita", "Thanks", null, changes.stamp(request.id()));
        assertThat(review.latestVerdict(request.id())).hasValueSatisfying(v -> assertThat(v.approved()).isTrue());
        assertThat(reviewerComments.sentBack(changes.changeRequest(request.id()))).isEmpty();
    }

    @Test
    void approvalBuildsAReleaseThatDeploysAndRollsBack() {
        ChangeRequest request = submittedTricareChange("dana");
        assertThat(activeWarnings()).isEmpty();

        reviewer("rita");
        ApprovedRelease approved = review.approve(request.id(), "rita", "Matches the manual", null, changes.stamp(request.id()));
        assertThat(approved.release().version()).as("a table and a suite changed: a patch").isEqualTo("1.0.1");
        assertThat(approved.changedPaths()).containsExactly(PAYER, SUITE);
        assertThat(approved.checks().passes()).isTrue();
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.APPROVED);
        assertThat(changes.mainline()).filteredOn(a -> a.path().equals(PAYER)).singleElement()
                .satisfies(a -> assertThat(a.text()).contains("ELIGIBLE,TRICARE,yes,no,7,"));
        assertThat(jdbc.queryForObject("select approved_by from release_record where release_version = '1.0.1'", String.class))
                .isEqualTo("rita");
        assertThat(releases.releases()).filteredOn(r -> r.version().equals("1.0.1")).singleElement()
                .satisfies(r -> assertThat(r.createdBy()).isEqualTo("rita"));

        SignedIn.as("ops", Role.DEPLOYER);
        deployments.deploy("1.0.1", "ops");
        assertThat(activeWarnings()).containsExactly(PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET);
        deployments.deploy("1.0.0", "ops");
        reviewer("rita");
        assertThat(activeWarnings()).isEmpty();
        assertThat(audit.find(new AuditQuery("ops", null, null, null, null))).extracting(AuditEntry::action, AuditEntry::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("release.deploy", "1.0.1"),
                        org.assertj.core.groups.Tuple.tuple("release.rollback", "1.0.0"));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theDownloadedKjarLoadsInAPlainDroolsApplicationAndTheSourcesHoldTheChange() throws Exception {
        ChangeRequest request = submittedTricareChange("dana");
        reviewer("rita");
        review.approve(request.id(), "rita", "ok", null, changes.stamp(request.id()));

        byte[] kjar = deployments.kjar("1.0.1", "rita");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kjar)))
                .isEqualTo(deployments.catalog().stream().filter(r -> r.version().equals("1.0.1")).findFirst().orElseThrow().checksum());
        // What a Drools 10 application does with a kjar it was handed: no Careplace code involved.
        KieServices ks = KieServices.get();
        Set<String> rules = RuleCompilation.isolated(() -> {
            KieModule module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(kjar));
            assertThat(module.getReleaseId().getVersion()).isEqualTo("1.0.1");
            KieContainer container = ks.newKieContainer(module.getReleaseId());
            assertThat(container.verify().getMessages(Message.Level.ERROR)).isEmpty();
            return container.getKieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                    .map(Rule::getName).collect(Collectors.toSet());
        });
        assertThat(rules).contains("Payer requirements: TRICARE", "P1 highest dimension wins");

        Map<String, String> sources = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(deployments.sources("1.0.1", "rita")))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                sources.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(sources).hasEntrySatisfying(sources.keySet().stream().filter(n -> n.endsWith("payer-requirements.drl.csv"))
                .findFirst().orElseThrow(), table -> assertThat(table).contains("ELIGIBLE,TRICARE,yes,no,7,"));
    }

    @Test
    void aChangeBuiltOnAnOutdatedMainlineIsNotMerged() {
        ChangeRequest first = submittedTricareChange("dana");
        ChangeRequest second = submittedTricareChange("lee");
        reviewer("rita");
        review.approve(first.id(), "rita", "ok", VersionBump.MINOR, changes.stamp(first.id()));
        assertThatThrownBy(() -> review.approve(second.id(), "rita", "ok", null, changes.stamp(second.id())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("changed on mainline after this change request copied it");
        assertThat(changes.changeRequest(second.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(releases.releases()).extracting(r -> r.version()).containsExactly("1.0.0", "1.1.0");
    }

    @Test
    void impactListsEveryScenarioAndLoggedDecisionWhoseOutcomeChanges() {
        ChangeRequest request = submittedTricareChange("dana");
        String sql = "insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, "
                + "duration_micros) values (current_timestamp, 'intake', 'r', '1.0.0', ?, '{}', 1)";
        jdbc.update(sql, "{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,"
                + "\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}");
        jdbc.update(sql, "{\"age\":40,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,"
                + "\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"TRICARE\"}");

        // Logged decisions are patient data: an author sees the impact on scenarios (Check), not on them.
        SignedIn.as("dana", Role.AUTHOR);
        assertThatThrownBy(() -> impact.analyse(request.id(), 100, "dana"))
                .isInstanceOf(org.springframework.security.authorization.AuthorizationDeniedException.class);
        reviewer("rita");
        Impact result = impact.analyse(request.id(), 100, "rita");
        SignedIn.as("auditor", Role.ADMIN);
        assertThat(audit.find(new AuditQuery("rita", "decision-log.read", null, null, null))).extracting(AuditEntry::detail)
                .containsExactly("impact replay of 2 logged decisions");
        reviewer("rita");

        assertThat(result.deployedVersion()).isEqualTo("1.0.0");
        assertThat(result.scenariosCompared()).isEqualTo(143);
        assertThat(result.decisionsCompared()).isEqualTo(2);
        assertThat(result.changes()).extracting(Impact.ChangedCase::source, Impact.ChangedCase::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("scenario", "Payer requirements › TRICARE adolescent with 6 hours meets payer minimum"),
                org.assertj.core.groups.Tuple.tuple("decision log", result.changes().get(1).label()));
        assertThat(result.changes().get(1).label()).startsWith("decision 1 of ");
        // The changed cases as CSV: outcomes and labels, both comparisons, never the requests
        String csv = new String(impact.changedCasesCsv(request.id(), result, "rita"), java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<org.apache.commons.csv.CSVRecord> records;
        try (var parser = org.apache.commons.csv.CSVParser.parse(csv, org.apache.commons.csv.CSVFormat.RFC4180)) {
            records = parser.getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(records).hasSize(1 + result.ownChanges().size() + result.changes().size());
        assertThat(records.get(records.size() - 1).get(0)).isEqualTo("deploying the result against release 1.0.0");
        assertThat(records.get(records.size() - 1).get(12)).isEqualTo("PAYER_MINIMUM_HOURS_NOT_MET");
        assertThat(csv).as("no request data").doesNotContain("F41.1");
        SignedIn.as("auditor", Role.ADMIN);
        assertThat(audit.find(new AuditQuery("rita", "impact.export", null, null, null))).extracting(AuditEntry::detail)
                .containsExactly(records.size() - 1 + " changed cases downloaded as CSV (outcomes only)");
        reviewer("rita");
        assertThat(result.changes()).allSatisfy(c -> {
            assertThat(c.before().warnings()).isEmpty();
            assertThat(c.after().warnings()).containsExactly("PAYER_MINIMUM_HOURS_NOT_MET");
            assertThat(c.after().level()).isEqualTo(c.before().level());
        });
    }

    @Test
    void versionBumps() {
        assertThat(VersionBump.PATCH.from("1.2.3")).isEqualTo("1.2.4");
        assertThat(VersionBump.MINOR.from("1.2.3")).isEqualTo("1.3.0");
        assertThat(VersionBump.MAJOR.from("1.2.3")).isEqualTo("2.0.0");
        assertThat(VersionBump.defaultFor(List.of("com/careplace/rules/placement.drl"), false)).isEqualTo(VersionBump.MINOR);
        assertThat(VersionBump.defaultFor(List.of("com/careplace/vocabulary/payers.csv"), false)).isEqualTo(VersionBump.MINOR);
        assertThat(VersionBump.defaultFor(List.of(PAYER, SUITE), false)).isEqualTo(VersionBump.PATCH);
        assertThat(VersionBump.defaultFor(List.of(PAYER, SUITE), true)).isEqualTo(VersionBump.MAJOR);
    }

    @Test
    void theImpactOfAChangeIsMeasuredAgainstItsMainlineApartFromWhatDeployingTheResultWouldChange() {
        // TRICARE's 7 hours is approved into mainline but not deployed; a later change only adds a diagnosis row.
        ChangeRequest tricare = submittedTricareChange("dana");
        reviewer("rita");
        review.approve(tricare.id(), "rita", "Matches the manual", null, changes.stamp(tricare.id()));
        jdbc.update("insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, duration_micros) "
                + "values (current_timestamp, 'intake', 'r', '1.0.0', ?, '{}', 1)", "{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":"
                + "{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}");
        SignedIn.as("alex", Role.AUTHOR);
        ChangeRequest row = changes.open("Gambling disorder", "ICD-10-CM F63.0", "alex");
        String categories = "com/careplace/rules/diagnosis-categories.drl.csv";
        changes.save(row.id(), categories, text(row.id(), categories).replace("\nDiagnosis category: bipolar disorder,F31,BIPOLAR_DISORDER",
                "\nDiagnosis category: bipolar disorder,F31,BIPOLAR_DISORDER\nDiagnosis category: gambling disorder,F63.0,OTHER"), 1, "alex",
                "Gambling disorder is seen at intake");

        reviewer("riley");
        Impact result = impact.analyse(row.id(), 100, "riley");

        assertThat(result.ownChanges()).as("adding a row nobody has changes nobody's outcome").isEmpty();
        assertThat(result.changes()).as("deploying mainline as it is brings TRICARE's 7 hours with it")
                .extracting(Impact.ChangedCase::source).containsExactly("scenario", "decision log");
        assertThat(result.unexercisedRules()).containsExactly("Diagnosis category: gambling disorder");
        // Neither change moves anyone to another level: every case on the matrix's diagonal
        Impact.Transitions matrix = result.transitions();
        int diagonal = matrix.levels().stream().mapToInt(level -> matrix.count(level, level)).sum();
        assertThat(diagonal).isEqualTo(result.scenariosCompared() + result.decisionsCompared());
    }
    @Test
    void theWholeLogInAWindowIsReplayedPageByPageWithProgressAndACancel() {
        ChangeRequest request = submittedTricareChange("dana");
        String sql = "insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, "
                + "duration_micros) values (?, 'intake', 'r', '1.0.0', ?, '{}', 1)";
        String teen = "{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},"
                + "\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}";
        String adult = teen.replace("\"age\":13", "\"age\":40").replace(":6,", ":12,");
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        List<Object[]> rows = new java.util.ArrayList<>();
        // 5,000 decisions over the last 30 days, one in ten the TRICARE teenager the change moves; and 300 from a year ago
        for (int i = 0; i < 5_000; i++) {
            rows.add(new Object[] {now.minusMinutes(i * 8L), i % 10 == 0 ? teen : adult});
        }
        for (int i = 0; i < 300; i++) {
            rows.add(new Object[] {now.minusDays(400), teen});
        }
        jdbc.batchUpdate(sql, rows);

        reviewer("rita");
        List<long[]> reported = new java.util.ArrayList<>();
        ImpactAnalysis.Replay replay = impact.replay(request.id(), java.time.Duration.ofDays(90), new ImpactAnalysis.ReplayProgress() {
            @Override
            public void replayed(long done, long total) {
                reported.add(new long[] {done, total});
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        }, "rita");
        org.slf4j.LoggerFactory.getLogger(ReviewServiceTest.class).info("Replayed {} logged decisions through the change, mainline and {} in {} ms "
                + "({} decisions/s)", replay.replayed(), replay.impact().deployedVersion(), replay.took().toMillis(),
                replay.replayed() * 1000 / Math.max(1, replay.took().toMillis()));
        assertThat(replay.inWindow()).as("the year-old decisions are outside the window").isEqualTo(5_000);
        assertThat(replay.replayed()).isEqualTo(5_000);
        assertThat(replay.cancelled()).isFalse();
        // Pages of 2,000: progress after each, the last at the total
        assertThat(reported).extracting(r -> r[0]).containsExactly(2_000L, 4_000L, 5_000L);
        assertThat(replay.changed()).as("every TRICARE teenager now gets the minimum-hours warning").isEqualTo(500);
        assertThat(replay.impact().warningChanges()).containsExactly(new Impact.WarningChange("PAYER_MINIMUM_HOURS_NOT_MET", 500, 0));
        assertThat(replay.impact().iopTransitions().count("ELIGIBLE", "ELIGIBLE")).isEqualTo(5_000);
        assertThat(replay.impact().changes()).hasSize(500).allSatisfy(c -> assertThat(c.source()).isEqualTo("decision log"));
        SignedIn.as("auditor", Role.ADMIN);
        assertThat(audit.find(new AuditQuery("rita", "decision-log.read", null, null, null))).extracting(AuditEntry::detail)
                .contains("impact replay of the decision log, last 90 days (5000 decisions)");

        // A cancel stops after the page in hand
        reviewer("rita");
        ImpactAnalysis.Replay stopped = impact.replay(request.id(), java.time.Duration.ofDays(90), new ImpactAnalysis.ReplayProgress() {
            @Override
            public void replayed(long done, long total) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        }, "rita");
        assertThat(stopped.cancelled()).isTrue();
        assertThat(stopped.replayed()).isEqualTo(2_000);
        SignedIn.as("dana", Role.AUTHOR);
        assertThatThrownBy(() -> impact.replay(request.id(), java.time.Duration.ofDays(90), null, "dana"))
                .isInstanceOf(org.springframework.security.authorization.AuthorizationDeniedException.class);
    }
}
