package com.careplace.workbench.audit;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.authoring.BaselineAssets;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
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
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
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

    @Test
    void authoringActionsAreRecordedInOrderAndTheChainVerifies() {
        changes.importBaseline(BaselineAssets.load(), "system", "Release 1.0.0");
        ChangeRequest request = changes.open("TRICARE minimum 7 hours", "Payer manual", "dana");
        String path = "com/careplace/rules/payer-requirements.drl.csv";
        String table = changes.assets(request.id()).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
        changes.save(request.id(), path, table.replace("TRICARE,yes,no,6,", "TRICARE,yes,no,7,"), 1, "dana", "New minimum");

        assertThat(audit.find(AuditQuery.everything())).extracting(AuditEntry::actor, AuditEntry::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("system", "mainline.import"),
                org.assertj.core.groups.Tuple.tuple("dana", "change-request.open"),
                org.assertj.core.groups.Tuple.tuple("dana", "asset.edit"));
        assertThat(audit.find(new AuditQuery(null, "asset.edit", "payer-requirements", null, null)))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("revision 2: New minimum"));
        assertThat(audit.find(new AuditQuery("lee", null, null, null, null))).isEmpty();
        assertThat(audit.find(new AuditQuery(null, null, null, Instant.now().plusSeconds(60), null))).isEmpty();
        assertThat(audit.verify()).isEqualTo(new ChainCheck(3, 0, ""));
    }

    @Test
    void anAlteredEntryIsTheFirstBrokenLink() {
        for (int i = 1; i <= 5; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        jdbc.update("update audit_entry set detail = 'nothing happened' where seq = 3");
        assertThat(audit.verify()).isEqualTo(new ChainCheck(3, 3, "entry 3 was altered after it was recorded"));
    }

    @Test
    void aRemovedEntryIsReported() {
        for (int i = 1; i <= 4; i++) {
            audit.record("dana", "asset.edit", "asset-" + i, "edit " + i);
        }
        jdbc.update("delete from audit_entry where seq = 2");
        assertThat(audit.verify().brokenAt()).isEqualTo(2);
        assertThat(audit.verify().reason()).isEqualTo("entry 2 is missing");
        jdbc.update("delete from audit_entry where seq >= 2");
        assertThat(audit.verify().reason()).isEqualTo("entries after 1 are missing");
    }

    @Test
    void aRewrittenChainIsCaughtByItsLinks() {
        audit.record("dana", "asset.edit", "a", "one");
        audit.record("dana", "asset.edit", "b", "two");
        // A forger recomputes entry 1's hash after changing it, but entry 2 still links to the old one.
        jdbc.update("update audit_entry set detail = 'forged', hash = ? where seq = 1",
                AuditTrail.hash(1, audit.find(AuditQuery.everything()).getFirst().at(), "dana", "asset.edit", "a", "forged",
                        AuditTrail.GENESIS));
        assertThat(audit.verify()).isEqualTo(new ChainCheck(2, 2, "entry 2 does not link to entry 1"));
    }

    @Test
    void csvExportEscapesAndDefusesFormulas() {
        audit.record("dana", "asset.edit", "payer, table", "=HYPERLINK(\"x\")");
        String csv = audit.exportCsv(AuditQuery.everything());
        assertThat(csv).startsWith("seq,at,actor,action,subject,detail,hash\r\n1,");
        assertThat(csv).contains(",dana,asset.edit,\"payer, table\",\"'=HYPERLINK(\"\"x\"\")\",");
    }
}
