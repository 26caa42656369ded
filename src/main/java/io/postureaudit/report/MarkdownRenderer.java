package io.postureaudit.report;

import io.postureaudit.report.ReportModel.AccountChanges;
import io.postureaudit.report.ReportModel.AclRow;
import io.postureaudit.report.ReportModel.CountRow;
import io.postureaudit.report.ReportModel.DetectorRow;
import io.postureaudit.report.ReportModel.EnvironmentScore;
import io.postureaudit.report.ReportModel.ExpiringSuppression;
import io.postureaudit.report.ReportModel.FilterRow;
import io.postureaudit.report.ReportModel.IacCoverage;
import io.postureaudit.report.ReportModel.IamChange;
import io.postureaudit.report.ReportModel.KeyCount;
import io.postureaudit.report.ReportModel.OpenFinding;
import io.postureaudit.report.ReportModel.RightSizingLine;
import io.postureaudit.report.ReportModel.RiskLine;
import io.postureaudit.report.ReportModel.RiskyPrincipal;
import io.postureaudit.report.ReportModel.ScoreChange;
import io.postureaudit.report.ReportModel.StudyTopic;
import io.postureaudit.report.ReportModel.TrendPoint;
import io.postureaudit.report.ReportModel.TrendSeries;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as Markdown for wikis and Slack: fixed text from {@link ReportText}, every stored string (AWS names,
 * messages, justifications) escaped so that it cannot open a link, a table cell or markup.
 */
final class MarkdownRenderer {

    private final ReportText t;
    private final Formats f;
    private final StringBuilder out = new StringBuilder();

    private MarkdownRenderer(ReportText t, Formats f) {
        this.t = t;
        this.f = f;
    }

    static String render(ReportModel m, List<ActionItem.View> items, String chartUrl) {
        MarkdownRenderer r = new MarkdownRenderer(ReportLanguage.text(m.period().language()),
                new Formats(ZoneId.of(m.period().zone())));
        return r.write(m, items, chartUrl);
    }

    private String write(ReportModel m, List<ActionItem.View> items, String chartUrl) {
        line("# " + t.title());
        line("");
        line(t.period(m.period().from().toString(), m.period().to().toString(), m.period().zone()) + "  ");
        line(t.generated(f.time(m.generatedAt()), m.period().zone()));
        summary(m, chartUrl);
        findings(m);
        leastPrivilege(m);
        drift(m);
        guardDuty(m);
        waf(m);
        study(m);
        actions(items);
        return out.toString();
    }

    private void summary(ReportModel m, String chartUrl) {
        heading(2, "1. " + t.summary());
        if (m.summary().environments().isEmpty()) {
            line(t.noScores());
        } else {
            table(List.of(t.environment(), t.atStart(), t.atEnd(), t.change()),
                    m.summary().environments().stream().map((EnvironmentScore e) -> List.of(md(e.environment()),
                            f.score(e.start()), f.score(e.end()), f.change(e.change()))).toList());
            line("");
            line("**" + t.trendChart() + "**");
            line("");
            if (chartUrl != null) {
                line("![" + t.trendChart() + "](" + chartUrl + ")");
                line("");
            }
            for (TrendSeries s : m.summary().trend()) {
                List<String> points = new ArrayList<>();
                for (TrendPoint p : s.points()) {
                    points.add(f.time(p.at()) + " " + f.score(p.score()));
                }
                line("- " + md(s.environment()) + ": " + String.join(" → ", points));
            }
        }
        line("");
        var e = m.summary().events();
        line(t.headline(e.opened(), e.resolved(), e.reopened(), e.suppressed()));
        var o = m.summary().openAtEnd();
        line(t.openAtEnd(o.critical(), o.high(), o.medium(), o.low(), o.info()));
    }

    private void findings(ReportModel m) {
        heading(2, "2. " + t.findings());
        heading(3, t.bySeverity());
        counts(t.severity(), m.findings().bySeverity());
        heading(3, t.byService());
        if (m.findings().byService().isEmpty()) {
            line(t.noEvents());
        } else {
            counts(t.service(), m.findings().byService());
        }
        heading(3, t.oldestOpen());
        if (m.findings().oldestOpen().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.finding(), t.severity(), t.account(), t.resource(), t.ageDays()),
                    m.findings().oldestOpen().stream().map((OpenFinding o) -> List.of("#" + o.id() + " "
                            + md(o.title()), o.severity(), md(o.account()), code(o.resourceArn()),
                            String.valueOf(o.ageDays()))).toList());
        }
        heading(3, t.expiring());
        if (m.findings().expiring().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.finding(), t.severity(), t.account(), t.suppressedBy(), t.justification(), t.expires(),
                    t.daysLeft()), m.findings().expiring().stream().map((ExpiringSuppression s) -> List.of("#"
                            + s.id() + " " + md(s.title()), s.severity(), md(s.account()), md(s.by()),
                            md(s.justification()), f.time(s.expiresAt()), String.valueOf(s.daysLeft()))).toList());
        }
    }

    private void counts(String first, List<CountRow> rows) {
        table(List.of(first, t.opened(), t.resolved(), t.reopened(), t.suppressed()), rows.stream()
                .map(r -> List.of(md(r.key()), String.valueOf(r.opened()), String.valueOf(r.resolved()),
                        String.valueOf(r.reopened()), String.valueOf(r.suppressed()))).toList());
    }

    private void leastPrivilege(ReportModel m) {
        heading(2, "3. " + t.leastPrivilege());
        var lp = m.leastPrivilege();
        if (!lp.analysed()) {
            line(t.noAnalysis());
            return;
        }
        heading(3, t.riskiest());
        if (lp.riskiest().isEmpty()) {
            line(t.none());
        }
        for (RiskyPrincipal p : lp.riskiest()) {
            line("- **" + md(p.name()) + "** (" + md(p.account()) + ") — " + t.score() + " " + p.score() + " · "
                    + code(p.arn()));
            for (RiskLine r : p.risks()) {
                line("  - " + md(r.category()) + ": " + md(r.detail())
                        + (r.grantedBy().isEmpty() ? "" : " — " + t.grantedBy() + ": " + code(r.grantedBy())));
            }
        }
        heading(3, t.scoreChanges());
        if (lp.changes().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.principal(), t.account(), t.before(), t.after(), t.change()), lp.changes().stream()
                    .map((ScoreChange c) -> List.of(md(c.name()), md(c.account()), f.number(c.before()),
                            String.valueOf(c.after()), f.change(c.change()))).toList());
        }
        heading(3, t.rightSizing());
        if (lp.rightSizing().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.principal(), t.account(), t.unusedServices(), t.basis()), lp.rightSizing().stream()
                    .map((RightSizingLine r) -> List.of(md(r.name()), md(r.account()), md(f.join(r.removedServices())),
                            md(r.basis()))).toList());
        }
    }

    private void drift(ReportModel m) {
        heading(2, "4. " + t.drift());
        if (!m.drift().available()) {
            line(t.driftUnavailable());
            return;
        }
        heading(3, t.changesByAccount());
        if (m.drift().byAccount().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.account(), t.created(), t.modified(), t.deleted()), m.drift().byAccount().stream()
                    .map((AccountChanges a) -> List.of(md(a.account()), String.valueOf(a.created()),
                            String.valueOf(a.modified()), String.valueOf(a.deleted()))).toList());
        }
        heading(3, t.iamChanges());
        if (m.drift().iamChanges().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.when(), t.account(), t.resource(), t.gained(), t.lost(), t.trustAdded(), t.risksAdded(),
                    t.principalsAffected()), m.drift().iamChanges().stream().map((IamChange c) -> List.of(
                            f.time(c.at()), md(c.account()), md(c.resource()), md(f.join(c.granted())),
                            md(f.join(c.revoked())), md(f.join(c.trustAdded())), md(f.join(c.risksAdded())),
                            md(f.join(c.principals())))).toList());
        }
        heading(3, t.iacCoverage());
        if (m.drift().iacCoverage().isEmpty()) {
            line(t.iacNotConfigured());
        } else {
            table(List.of(t.account(), t.atStart(), t.atEnd(), t.change(), t.coveredAtEnd()),
                    m.drift().iacCoverage().stream().map((IacCoverage c) -> List.of(md(c.account()),
                            f.score(c.start()), f.score(c.end()), f.change(c.change()), c.complete()
                                    ? t.coveredOf(c.covered(), c.counted())
                                    : t.coveredOfIncomplete(c.covered(), c.counted()))).toList());
        }
    }

    private void guardDuty(ReportModel m) {
        heading(2, "5. " + t.guardDuty());
        var gd = m.guardDuty();
        if (gd.detectors().isEmpty()) {
            line(t.noData());
            return;
        }
        heading(3, t.gdBySeverity(gd.newInPeriod()));
        keyCounts(t.severity(), gd.bySeverity());
        heading(3, t.gdByType());
        keyCounts(t.type(), gd.byType());
        heading(3, t.detectorCoverage());
        List<String> header = new ArrayList<>(List.of(t.account(), t.region(), t.detector()));
        gd.features().forEach(c -> header.add(md(c)));
        table(header, gd.detectors().stream().map((DetectorRow d) -> {
            List<String> row = new ArrayList<>(List.of(md(d.account()), md(d.region()),
                    d.enabled() ? t.enabled() : t.off()));
            d.planStatus().forEach(s -> row.add(md(s)));
            return row;
        }).toList());
        heading(3, t.archiveFilters());
        if (gd.archiveFilters().isEmpty()) {
            line(t.none());
        } else {
            table(List.of(t.account(), t.region(), t.name(), t.criteria()), gd.archiveFilters().stream()
                    .map((FilterRow r) -> List.of(md(r.account()), md(r.region()), md(r.name()), code(r.criteria())))
                    .toList());
        }
    }

    private void keyCounts(String first, List<KeyCount> rows) {
        if (rows.isEmpty()) {
            line(t.none());
            return;
        }
        table(List.of(first, t.count()), rows.stream().map(k -> List.of(md(k.key()), String.valueOf(k.count())))
                .toList());
    }

    private void waf(ReportModel m) {
        heading(2, "6. " + t.waf());
        if (m.waf().acls().isEmpty()) {
            line(t.noData());
            return;
        }
        table(List.of(t.account(), t.region(), t.webAcl(), t.defaultAction(), t.associated(), t.countRules(),
                t.logging()), m.waf().acls().stream().map((AclRow a) -> List.of(md(a.account()), md(a.region()),
                        md(a.name()), md(a.defaultAction()), a.associatedResources() == null ? t.notRead()
                                : String.valueOf(a.associatedResources()), md(f.join(a.countModeRules())),
                        a.logging() == null ? t.notRead() : a.logging() ? t.yes() : t.no())).toList());
    }

    private void study(ReportModel m) {
        heading(2, "7. " + t.studyTopics());
        if (m.studyTopics().isEmpty()) {
            line(t.noTopics());
        }
        for (StudyTopic s : m.studyTopics()) {
            heading(3, md(s.title()));
            line(t.topicFacts(code(s.ruleId()), s.severity(), s.hits(), s.openAtEnd())
                    + (s.newlyTriggered() ? " " + t.newlyTriggered() : ""));
            line("");
            line("**" + t.concept() + "**: " + md(s.concept()));
            line("");
            line("**" + t.whyItMatters() + "**: " + md(s.why()));
            line("");
            line("**" + t.fixCli() + "**");
            fence(s.cli());
            line("**" + t.fixTerraform() + "**");
            fence(s.terraform());
            line("**" + t.docs() + "**: " + String.join(" · ", s.docs().stream().map(d -> "<" + d + ">").toList()));
        }
        heading(3, t.escalation());
        var path = m.escalation();
        if (path == null) {
            line(t.noEscalation());
            return;
        }
        line(t.escalationIntro(md(path.name()), md(path.account()), md(path.methodTitle()), path.method()));
        line("");
        for (int i = 0; i < path.steps().size(); i++) {
            line((i + 1) + ". " + t.escalationStep(i + 1, code(path.steps().get(i))));
        }
        line("");
        line(t.escalationGain());
        if (!path.grantedBy().isEmpty()) {
            line("");
            line(t.grantedBy() + ": " + code(path.grantedBy()));
        }
    }

    private void actions(List<ActionItem.View> items) {
        heading(2, "8. " + t.actionItems());
        if (items.isEmpty()) {
            line(t.noActionItems());
            return;
        }
        table(List.of("#", t.item(), t.owner(), t.status(), t.origin()), items.stream()
                .map(i -> List.of(String.valueOf(i.position()), md(i.text()), md(i.owner() == null ? "" : i.owner()),
                        status(i.status()), origin(i.origin()))).toList());
    }

    String status(String status) {
        return switch (status) {
            case ActionItem.DONE -> t.statusDone();
            case ActionItem.DROPPED -> t.statusDropped();
            default -> t.statusOpen();
        };
    }

    String origin(String origin) {
        return switch (origin) {
            case ActionItem.CARRIED -> t.originCarried();
            case ActionItem.PROPOSED -> t.originProposed();
            default -> t.originAdded();
        };
    }

    private void heading(int level, String text) {
        line("");
        line("#".repeat(level) + " " + text);
        line("");
    }

    private void table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        rows.forEach(r -> line("| " + String.join(" | ", r) + " |"));
    }

    private void fence(String text) {
        line("```");
        line(text.replace("```", "'''"));
        line("```");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** Escapes Markdown's active characters and keeps a value on one line (and in one table cell). */
    static String md(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : text.replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Inline code: backticks in the value cannot close the span; pipes are escaped for tables. */
    static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "`" + text.replace('`', '\'').replace("|", "\\|").replace('\n', ' ') + "`";
    }
}
