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

import static org.assertj.core.api.Assertions.assertThat;

/** The trail is tamper-evident, filterable and exportable, and the authoring actions land in it. */
@SpringBootTest(classes = WorkbenchApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class AuditTrailTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    AuditTrail audit;
    @Autowired
    ChangeRequestService changes;
    @Autowired
    JdbcTemplate jdbc;

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

    @Test
    void aRewrittenChainIsCaughtByItsLinks() {
        int start = startEntries();
        String before = start == 0 ? AuditTrail.GENESIS : audit.find(AuditQuery.everything()).get(start - 1).hash();
        audit.record("dana", "asset.edit", "a", "one");
        audit.record("dana", "asset.edit", "b", "two");
        // A forger recomputes an entry's hash after changing it, but the next entry still links to the old one.
        long forged = start + 1;
        jdbc.update("update audit_entry set detail = 'forged', hash = ? where seq = ?",
                AuditTrail.hash(forged, audit.find(AuditQuery.everything()).get(start).at(), "dana", "asset.edit", "a", "forged", before),
                forged);
        assertThat(audit.verify()).isEqualTo(new ChainCheck(start + 2, start + 2, "entry " + (start + 2) + " does not link to entry " + forged));
    }

    @Test
    void csvExportEscapesAndDefusesFormulas() {
        audit.record("dana", "asset.edit", "payer, table", "=HYPERLINK(\"x\")");
        String csv = audit.exportCsv(AuditQuery.everything());
        assertThat(csv).startsWith("seq,at,actor,action,subject,detail,hash\r\n1,").hasLineCount(startEntries() + 1);
        assertThat(csv).contains(",dana,asset.edit,\"payer, table\",\"'=HYPERLINK(\"\"x\"\")\",");
    }
}
