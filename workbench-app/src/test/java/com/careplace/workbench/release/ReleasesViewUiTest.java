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
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
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
    @Autowired
    com.careplace.decision.decisionlog.DecisionLog decisionLog;
    @Autowired
    com.careplace.workbench.authoring.OfferedCases offeredCases;

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

    @Test
    void aTracedDecisionIsOfferedToAuthorsNamedAndDeIdentified() {
        decisionLog.record(new com.careplace.decision.decisionlog.DecisionRecord(java.util.UUID.randomUUID(), java.time.Instant.now(),
                "intake-portal", "r", "1.0.0", "{\"requestId\":\"MRN-77\",\"age\":40,\"diagnoses\":[\"F10.20\"],\"dimensions\":"
                + "{\"d1\":1,\"d2\":0,\"d3\":1,\"d4\":1,\"d5\":2,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"MEDICAID\"}",
                "{\"level\":{\"code\":\"2.1\"},\"iop\":{\"status\":\"ELIGIBLE\"},\"firedRules\":[]}", 1));
        assertThat(decisionLog.flush(java.time.Duration.ofSeconds(30))).isTrue();
        long id = decisionLog.recent(1).getFirst().id();

        signIn("riley", Role.REVIEWER);
        UI.getCurrent().navigate(com.careplace.workbench.release.ui.DecisionsView.class);
        _setValue(_get(com.vaadin.flow.component.textfield.IntegerField.class, s -> s.withPlaceholder("decision id")), (int) id);
        _click(_get(com.vaadin.flow.component.button.Button.class, s -> s.withText("Trace")));
        _click(_get(com.vaadin.flow.component.button.Button.class, s -> s.withText("Offer as a test case…")));
        com.vaadin.flow.component.button.Button offer = _get(com.vaadin.flow.component.button.Button.class, s -> s.withText("Offer to authors"));
        _click(offer);
        com.vaadin.flow.component.textfield.TextField name = _get(com.vaadin.flow.component.textfield.TextField.class,
                s -> s.withLabel("Name for authors"));
        assertThat(name.isInvalid()).as("a case needs a name").isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name the case: authors see the name, never the patient's details");
        _setValue(name, "Alcohol use, Medicaid, 12 hours");
        _click(offer);

        SignedIn.as("dana", Role.AUTHOR);
        assertThat(offeredCases.offeredTo("any")).filteredOn(c -> c.name().equals("Alcohol use, Medicaid, 12 hours")).singleElement()
                .satisfies(c -> {
                    assertThat(c.given()).doesNotContainKey("requestId").containsEntry("payer", "MEDICAID");
                    assertThat(c.offeredBy()).isEqualTo("riley");
                    assertThat(c.expect()).containsKey("level");
                });
    }
}
