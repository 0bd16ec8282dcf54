package com.careplace.workbench.release;

import com.careplace.decision.release.ReleaseService;
import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.audit.AuditEntry;
import com.careplace.workbench.audit.AuditQuery;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.release.ui.ReleasesView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;


import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The Releases screen says when the node refuses what the database holds, and downloads are audited. */
class ReleasesViewUiTest extends BrowserlessUi {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReleaseService releases;
    @Autowired
    Deployments deployments;
    @Autowired
    AuditTrail audit;

    @Test
    void aReleaseWrittenToTheDatabaseIsShownRefusedAndTheNodeKeepsServing() {
        // Someone with database access copies 1.0.0's kjar into a new release and deploys it, with no signature.
        SmuggledRelease.write(jdbc, releases, "9.0.0");

        signIn("morgan", Role.DEPLOYER);
        UI.getCurrent().navigate(ReleasesView.class);
        String banner = _get(Div.class, s -> s.withClasses("node-refusal")).getElement().getTextRecursively();
        assertThat(banner).contains("This node refused the newest deployment and still serves release 1.0.0",
                "Release 9.0.0 is not signed");
        SignedIn.as("morgan", Role.DEPLOYER);
        assertThat(deployments.catalog()).filteredOn(r -> r.version().equals("9.0.0")).singleElement()
                .satisfies(r -> {
                    assertThat(r.active()).isFalse();
                    assertThat(r.integrityProblem()).contains("not signed");
                });
        assertThat(deployments.catalog()).filteredOn(ReleaseEntry::active).extracting(ReleaseEntry::version).containsExactly("1.0.0");

        deployments.kjar("1.0.0", "morgan");
        SignedIn.as("admin", Role.ADMIN);
        assertThat(audit.find(new AuditQuery("morgan", "release.download", null, null, null)))
                .extracting(AuditEntry::subject, AuditEntry::detail).containsExactly(org.assertj.core.groups.Tuple.tuple("1.0.0", "kjar"));
    }
}
