package com.careplace.workbench.audit;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trail is tamper-evident, filterable and exportable, and the authoring actions land in it. */
@SpringBootTest(classes = WorkbenchApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class AuditTrailTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
        // The test copies operator actions itself; the schedule would race it.
        registry.add("careplace.audit.operator-import-interval", () -> "1h");
    }

    @Autowired
    AuditTrail audit;
    @Autowired
    ChangeRequestService changes;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditKey key;
    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    com.careplace.decision.base.OperatorLog operatorLog;
    @Autowired
    OperatorActionImport operatorImport;

    @BeforeEach
    void signIn() {
        SignedIn.as("auditor", Role.ADMIN);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    /** Entries the first start recorded (baseline import, first administrator). */
    private int startEntries() {
        return audit.find(AuditQuery.everything()).size();
    }

    @Test
    void authoringActionsAreRecordedInOrderAndTheChainVerifies() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("TRICARE minimum 7 hours", "Payer manual", "dana");
        String path = "com/careplace/rules/payer-requirements.drl.csv";
        String table = changes.assets(request.id()).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
        changes.save(request.id(), path, table.replace("TRICARE,yes,no,6,", "TRICARE,yes,no,7,"), 1, "dana", "New minimum");

        SignedIn.as("auditor", Role.ADMIN);
        assertThat(audit.find(AuditQuery.everything())).extracting(AuditEntry::actor, AuditEntry::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("system", "mainline.import"),
                org.assertj.core.groups.Tuple.tuple("system", "user.create"),
                org.assertj.core.groups.Tuple.tuple("dana", "change-request.open"),
                org.assertj.core.groups.Tuple.tuple("dana", "asset.edit"));
        assertThat(audit.find(new AuditQuery(null, "asset.edit", "payer-requirements", null, null)))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("revision 2: New minimum"));
        assertThat(audit.find(new AuditQuery("lee", null, null, null, null))).isEmpty();
        assertThat(audit.find(new AuditQuery(null, null, null, Instant.now().plusSeconds(60), null))).isEmpty();
        assertThat(audit.verify()).isEqualTo(new ChainCheck(4, 0, ""));
    }

    @Test
    void anAlteredEntryIsTheFirstBrokenLink() {
        int start = startEntries();
        for (int i = 1; i <= 5; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        jdbc.update("update audit_entry set detail = 'nothing happened' where seq = ?", start + 3);
        assertThat(audit.verify()).isEqualTo(new ChainCheck(start + 3, start + 3, "entry " + (start + 3) + " was altered after it was recorded"));
    }

    @Test
    void aRemovedEntryIsReported() {
        int start = startEntries();
        for (int i = 1; i <= 4; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        jdbc.update("delete from audit_entry where seq = ?", start + 2);
        assertThat(audit.verify().brokenAt()).isEqualTo(start + 2);
        assertThat(audit.verify().reason()).isEqualTo("entry " + (start + 2) + " is missing");
        jdbc.update("delete from audit_entry where seq >= ?", start + 2);
        assertThat(audit.verify().reason()).isEqualTo("entries after " + (start + 1) + " are missing");
    }

    /**
     * A forger edits an entry and recomputes every hash after it, and the head, as the unkeyed SHA-256
     * chain of earlier versions allowed. Without the audit key the edit is found; with it (the control)
     * the same rewrite would pass, so the key is what stops it.
     */
    @Test
    void aChainRecomputedAfterAnEditIsCaughtWithoutTheKey() {
        int start = startEntries();
        for (int i = 1; i <= 3; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        long forged = start + 2;
        rewriteFrom(forged, "forged", AuditTrailTest::sha256);
        assertThat(audit.verify()).isEqualTo(new ChainCheck(forged, forged, "entry " + forged + " was altered after it was recorded"));

        rewriteFrom(forged, "forged", fields -> key.mac(fields));
        assertThat(audit.verify().intact()).as("only the key makes a rewrite pass").isTrue();
    }

    /** Cutting entries off the end and setting the head back, as the unkeyed head allowed, is caught. */
    @Test
    void aTruncatedTailIsCaught() {
        int start = startEntries();
        for (int i = 1; i <= 4; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        long keep = start + 2;
        String keptHash = audit.find(AuditQuery.everything()).get((int) keep - 1).hash();
        jdbc.update("delete from audit_entry where seq > ?", keep);
        jdbc.update("update audit_head set seq = ?, hash = ? where id = 1", keep, keptHash);
        assertThat(audit.verify().reason()).isEqualTo("the trail's head (entry " + keep + ") was set without the audit key: "
                + "entries may have been cut off from the end");
    }

    /**
     * A checkpoint kept by an auditor catches what an insider holding the audit key could still do: cut
     * entries off and re-key the head, or rewrite entries before the checkpoint. A changed checkpoint fails.
     */
    @Test
    void aSignedCheckpointHoldsUntilTheTrailBeforeItChanges() {
        for (int i = 1; i <= 3; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        AuditCheckpoint checkpoint = AuditCheckpoint.parse(audit.checkpoint("auditor").toText());
        audit.record("dana", "asset.edit", "after", "after the checkpoint");
        assertThat(audit.verifyAgainst(checkpoint, "auditor").intact()).isTrue();

        AuditCheckpoint altered = new AuditCheckpoint(checkpoint.entries() - 1, checkpoint.headHash(), checkpoint.at(), checkpoint.signature());
        assertThat(audit.verifyAgainst(altered, "auditor").reason()).startsWith("the checkpoint's signature does not hold");

        // An insider with the audit key rewrites the entry before the checkpoint: the chain verifies, the checkpoint does not.
        rewriteFrom(checkpoint.entries() - 1, "rewritten", fields -> key.mac(fields));
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verifyAgainst(checkpoint, "auditor").reason())
                .isEqualTo("entry " + checkpoint.entries() + " is not the one the checkpoint of " + checkpoint.at()
                        + " recorded: the trail up to it was rewritten");

        // ... or cuts the trail back below it and re-keys the head.
        long keep = checkpoint.entries() - 2;
        String keptHash = audit.find(AuditQuery.everything()).get((int) keep - 1).hash();
        jdbc.update("delete from audit_entry where seq > ?", keep);
        jdbc.update("update audit_head set seq = ?, hash = ?, mac = ? where id = 1", keep, keptHash, key.mac("head", Long.toString(keep), keptHash));
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verifyAgainst(checkpoint, "auditor").reason()).contains("fewer than the " + checkpoint.entries(), "entries were cut off");
        assertThat(audit.find(new AuditQuery("auditor", "audit.verify-checkpoint", null, null, null))).isNotEmpty();
    }

    /** The same check from a shell: {@code ./careplace audit verify-checkpoint FILE}, with the workbench's settings. */
    @Test
    void theCommandChecksTheTrailAgainstACheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        audit.record("dana", "asset.edit", "a", "one");
        java.nio.file.Path file = temp.resolve("checkpoint.txt");
        java.nio.file.Files.writeString(file, audit.checkpoint("auditor").toText());
        String[] args = {"verify-checkpoint", file.toString(), "--careplace.data-dir=" + environment.getProperty("careplace.data-dir"),
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", "")};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(AuditCommand.run(args, print, print)).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("checkpoint holds");

        jdbc.update("update audit_entry set detail = 'nothing' where seq = 2");
        out.reset();
        assertThat(AuditCommand.run(args, print, print)).isEqualTo(1);
        assertThat(out.toString()).startsWith("checkpoint does NOT hold: entry 2 was altered after it was recorded");
    }

    /** Rewrites entry {@code from}'s detail and recomputes its hash and every later one, and the head, with {@code mac}. */
    private void rewriteFrom(long from, String detail, java.util.function.Function<String[], String> mac) {
        List<AuditEntry> entries = audit.find(AuditQuery.everything());
        String prev = from == 1 ? AuditTrail.GENESIS : entries.get((int) from - 2).hash();
        for (AuditEntry e : entries.subList((int) from - 1, entries.size())) {
            String text = e.seq() == from ? detail : e.detail();
            String hash = mac.apply(new String[]{Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(), e.subject(), text, prev});
            jdbc.update("update audit_entry set detail = ?, prev_hash = ?, hash = ? where seq = ?", text, prev, hash, e.seq());
            prev = hash;
        }
        long last = entries.getLast().seq();
        jdbc.update("update audit_head set hash = ?, mac = ? where id = 1", prev, mac.apply(new String[]{"head", Long.toString(last), prev}));
    }

    /** The chain's hash before it was keyed. */
    private static String sha256(String... fields) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
                byte[] bytes = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What operators do from a shell (keys, releases) reaches the trail once, as their operating-system user. */
    @Test
    void operatorCommandsAreCopiedIntoTheTrailOnce() {
        operatorLog.record("releases deploy", "1.0.0", "done: deployment 2");
        assertThat(operatorImport.importNew()).isEqualTo(1);
        assertThat(operatorImport.importNew()).isZero();
        assertThat(audit.find(new AuditQuery("os:" + System.getProperty("user.name"), "operator.releases.deploy", null, null, null)))
                .singleElement().satisfies(e -> {
                    assertThat(e.subject()).isEqualTo("1.0.0");
                    assertThat(e.detail()).startsWith("done: deployment 2 (operator command at ");
                });
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void csvExportEscapesAndDefusesFormulas() {
        audit.record("dana", "asset.edit", "payer, table", "=HYPERLINK(\"x\")");
        String csv = audit.exportCsv(AuditQuery.everything(), "auditor");
        assertThat(csv).startsWith("seq,at,actor,action,subject,detail,hash\r\n1,").hasLineCount(startEntries());
        assertThat(audit.find(new AuditQuery("auditor", "audit.export", null, null, null))).as("the export is recorded").hasSize(1);
        assertThat(csv).contains(",dana,asset.edit,\"payer, table\",\"'=HYPERLINK(\"\"x\"\")\",");
    }
}
