package io.postureaudit.report;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.report.ReportModel.StudyTopic;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Computes a report's model from stored history for exactly its period; nothing here reads "now" but the stamp. */
@ApplicationScoped
public class ReportBuilder {

    static final int TOPICS = 3;
    private final Sql sql;
    private final RuleCatalog rules;
    private final StudyCatalog study;
    private final DriftFigures drift;
    private final Clock clock;

    public ReportBuilder(AgroalDataSource dataSource, RuleCatalog rules, StudyCatalog study, Clock clock) {
        this.sql = new Sql(dataSource);
        this.rules = rules;
        this.study = study;
        this.drift = new DriftFigures(sql);
        this.clock = clock;
    }

    public ReportModel build(ReportPeriod period, String language) {
        Map<String, String> names = new HashMap<>();
        sql.list("account names", "select id, name from account", rs -> names.put(rs.getString(1), rs.getString(2)));
        Function<String, String> account = id -> {
            String name = names.get(id);
            return name == null || name.equals(id) ? id : name + " (" + id + ")";
        };
        FindingFigures findings = new FindingFigures(sql, names);
        List<FindingFigures.Event> events = findings.events(period.start(), period.end());
        ScoreFigures.Result scores = new ScoreFigures(sql).compute(period.start(), period.end());
        PrincipalFigures principals = new PrincipalFigures(sql, account);
        List<PrincipalFigures.Analysis> atEnd = principals.asOf(period.end());
        EstateFigures estate = new EstateFigures(sql, account);
        List<EstateFigures.Seen> seen = estate.snapshot(period.end());
        return new ReportModel(
                new ReportModel.Period(period.from(), period.to(), period.zone().getId(), period.start(), period.end(),
                        language),
                new ReportModel.Summary(scores.environments(), scores.trend(), FindingFigures.counts(events),
                        findings.openAtEnd(period.end())),
                new ReportModel.FindingsSection(FindingFigures.bySeverity(events), FindingFigures.byService(events),
                        findings.oldestOpen(period.end()), findings.expiring(period.end())),
                principals.compute(atEnd, period.start()),
                drift.compute(period, account),
                estate.guardDuty(seen, period.start()),
                estate.waf(seen),
                topics(events, findings.ruleStates(period.end()), period, language),
                principals.escalation(atEnd),
                clock.instant());
    }

    /** The rules with study notes most hit in the period (new first among equals); else those most open at its end. */
    private List<StudyTopic> topics(List<FindingFigures.Event> events, Map<String, FindingFigures.RuleState> states,
            ReportPeriod period, String language) {
        Map<String, Long> hits = new HashMap<>();
        events.stream().filter(e -> e.event().equals("opened") || e.event().equals("reopened"))
                .map(e -> e.ruleId() + " " + e.findingId()).distinct()
                .forEach(key -> hits.merge(key.substring(0, key.indexOf(' ')), 1L, Long::sum));
        Map<String, RuleDefinition> definitions = new HashMap<>();
        for (CompiledRule rule : rules.rules()) {
            definitions.put(rule.id(), rule.definition());
        }
        List<StudyTopic> candidates = new ArrayList<>();
        for (FindingFigures.RuleState state : states.values()) {
            RuleDefinition rule = definitions.get(state.ruleId());
            StudyCatalog.StudyNote note = study.notes().get(state.ruleId());
            long n = hits.getOrDefault(state.ruleId(), 0L);
            if (rule == null || note == null || (n == 0 && state.openAtEnd() == 0)) {
                continue;
            }
            boolean fresh = state.firstOpened() != null && !state.firstOpened().isBefore(period.start());
            candidates.add(new StudyTopic(rule.id(), rule.title(), rule.severity().id(), n, fresh && n > 0,
                    state.openAtEnd(), note.concept(language), note.why(language),
                    rule.remediation().getOrDefault("cli", ""), rule.remediation().getOrDefault("terraform", ""),
                    note.docs()));
        }
        candidates.sort(Comparator.comparingLong((StudyTopic t) -> -t.hits())
                .thenComparing(t -> !t.newlyTriggered())
                .thenComparingLong(t -> -t.openAtEnd())
                .thenComparingInt(t -> FindingFigures.SEVERITIES.indexOf(t.severity()))
                .thenComparing(StudyTopic::ruleId));
        return candidates.stream().limit(TOPICS).toList();
    }
}
