package com.careplace.decision.cdshooks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What clinicians did with Careplace's CDS Hooks cards: accepted or overridden, and why. A card's uuid is the id of the
 * decision it showed, so feedback joins the decision log; per rule, the share of decisions it fired in that clinicians
 * overrode shows reviewers where clinicians disagree with the rules. Comments are PHI, as the decision log is.
 */
@Service
public class CdsFeedback {

    /** Outcomes CDS Hooks 2.0 defines. */
    public enum Outcome { ACCEPTED, OVERRIDDEN }

    /**
     * One card's feedback.
     *
     * @param decisionId the decision the card showed
     * @param serviceId  which CDS service
     * @param outcome    accepted or overridden
     * @param reason     the override reason's code (the card's overrideReasons), null when none was given
     * @param reasonText its display
     * @param comment    the clinician's comment, null when none (PHI)
     * @param outcomeAt  when the clinician acted, as the EHR says
     */
    public record Feedback(UUID decisionId, String serviceId, Outcome outcome, String reason, String reasonText, String comment,
                           Instant outcomeAt) {

        @Override
        public String toString() {
            return "Feedback[" + decisionId + ", " + outcome + ", " + reason + "]"; // the comment may hold PHI
        }
    }

    /**
     * How often clinicians overrode the decisions a rule fired in.
     *
     * @param rule       the rule's name
     * @param withFeedback decisions it fired in that have feedback
     * @param overridden of those, overridden
     * @param reasons    override reasons given, most frequent first, with counts
     */
    public record RuleOverrides(String rule, int withFeedback, int overridden, Map<String, Integer> reasons) {

        /** Overridden as a share of the decisions with feedback. */
        public double rate() {
            return withFeedback == 0 ? 0 : (double) overridden / withFeedback;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcTemplate jdbc;

    public CdsFeedback(JdbcTemplate jdbc, com.careplace.decision.decisionlog.DecisionLog decisionLog) {
        this.jdbc = jdbc;
        this.decisionLog = decisionLog;
    }

    private final com.careplace.decision.decisionlog.DecisionLog decisionLog;

    /** Whether the decision with this id was given to {@code caller} (waits briefly for one still on its way to the log). */
    boolean wasGiven(UUID decisionId, String caller) {
        java.util.Optional<com.careplace.decision.decisionlog.DecisionLog.LoggedDecision> logged = decisionLog.findByDecisionId(decisionId);
        if (logged.isEmpty() && decisionLog.flush(java.time.Duration.ofSeconds(2))) {
            logged = decisionLog.findByDecisionId(decisionId);
        }
        return logged.filter(d -> caller.equals(d.decision().caller())).isPresent();
    }

    /** Records each feedback, all or none. */
    @org.springframework.transaction.annotation.Transactional
    void recordAll(List<Feedback> feedback, String caller, List<String> acceptedSuggestions, Instant receivedAt) {
        for (int i = 0; i < feedback.size(); i++) {
            record(feedback.get(i), caller, acceptedSuggestions.get(i), receivedAt);
        }
    }

    private void record(Feedback feedback, String caller, String acceptedSuggestions, Instant receivedAt) {
        jdbc.update("insert into cds_feedback (decision_id, service_id, caller, outcome, reason_code, reason_system, reason_display, "
                        + "user_comment, accepted_suggestions, outcome_at, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                feedback.decisionId().toString(), feedback.serviceId(), caller, feedback.outcome().name(), feedback.reason(),
                feedback.reason() == null ? null : PlacementCards.OVERRIDE_SYSTEM, feedback.reasonText(), feedback.comment(),
                acceptedSuggestions, Timestamp.from(feedback.outcomeAt()), Timestamp.from(receivedAt));
    }

    /** The feedback on one decision's card from the system it was given to, oldest first. */
    public List<Feedback> forDecision(UUID decisionId) {
        // The decision log is the decision log module's: asked through its API, never joined here
        return decisionLog.findByDecisionId(decisionId).map(logged -> jdbc.query("select * from cds_feedback where decision_id = ? "
                + "and caller = ? order by outcome_at, id", (rs, i) -> new Feedback(UUID.fromString(rs.getString("decision_id")),
                rs.getString("service_id"), Outcome.valueOf(rs.getString("outcome")), rs.getString("reason_code"),
                rs.getString("reason_display"), rs.getString("user_comment"), rs.getTimestamp("outcome_at").toInstant()),
                decisionId.toString(), logged.decision().caller())).orElse(List.of());
    }

    /**
     * Per rule, over decisions with feedback since {@code since} (the latest feedback on each card counts): how many, and
     * how many overridden; most overridden first. Feedback joins the decision log only for the caller the card was given
     * to, so one EHR cannot weigh on another's decisions.
     */
    @SuppressWarnings("unchecked")
    public List<RuleOverrides> byRule(Instant since) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> reasons = new LinkedHashMap<>();
        // The latest feedback on each card, with the caller it came from; then the decisions, from the decision log's API
        Map<String, String[]> latest = new LinkedHashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select decision_id, outcome, reason_display, reason_code, caller from cds_feedback "
                    + "where outcome_at >= ? order by outcome_at, id");
            statement.setObject(1, since.atOffset(ZoneOffset.UTC));
            statement.setFetchSize(500);
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> latest.put(rs.getString(1),
                new String[] {rs.getString(2), rs.getString(3) != null ? rs.getString(3) : rs.getString(4), rs.getString(5)}));
        Map<UUID, com.careplace.decision.decisionlog.DecisionLog.LoggedDecision> decisions = decisionLog.findByDecisionIds(
                latest.keySet().stream().map(UUID::fromString).toList());
        for (Map.Entry<String, String[]> card : latest.entrySet()) {
            var logged = decisions.get(UUID.fromString(card.getKey()));
            // only feedback from the caller the card was given to counts
            card.getValue()[2] = logged != null && logged.decision().caller().equals(card.getValue()[2]) ? logged.decision().decisionJson() : null;
        }
        latest.values().removeIf(card -> card[2] == null);
        for (String[] card : latest.values()) {
            boolean overridden = Outcome.OVERRIDDEN.name().equals(card[0]);
            List<String> fired = (List<String>) JSON.readValue(card[2], Map.class).getOrDefault("firedRules", List.of());
            for (String rule : new java.util.LinkedHashSet<>(fired)) {
                int[] count = counts.computeIfAbsent(rule, r -> new int[2]);
                count[0]++;
                if (overridden) {
                    count[1]++;
                    reasons.computeIfAbsent(rule, r -> new LinkedHashMap<>()).merge(card[1] == null ? "no reason given" : card[1], 1, Integer::sum);
                }
            }
        }
        List<RuleOverrides> result = new ArrayList<>();
        counts.forEach((rule, count) -> {
            Map<String, Integer> sorted = new LinkedHashMap<>();
            reasons.getOrDefault(rule, Map.of()).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            result.add(new RuleOverrides(rule, count[0], count[1], sorted));
        });
        result.sort(Comparator.comparingDouble(RuleOverrides::rate).reversed().thenComparing(RuleOverrides::overridden,
                Comparator.reverseOrder()).thenComparing(RuleOverrides::rule));
        return result;
    }
}
