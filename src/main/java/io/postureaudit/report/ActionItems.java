package io.postureaudit.report;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report's action items: the previous report's items carried over with their status (open ones, and ones closed
 * since it was made), then new ones proposed from the period's critical and high findings still open at its end.
 */
@ApplicationScoped
public class ActionItems {

    static final int MAX_PROPOSED = 10;
    static final int MAX_ITEMS = 50;
    static final int MAX_TEXT = 500;
    static final Set<String> STATUSES = Set.of(ActionItem.OPEN, ActionItem.DONE, ActionItem.DROPPED);
    private final Sql sql;
    private final Clock clock;

    public ActionItems(AgroalDataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = clock;
    }

    /** Creates the first list of a new report. */
    List<ActionItem.View> initial(long reportId, ReportModel model) {
        Map<String, String> names = new HashMap<>();
        sql.list("account names", "select id, name from account", rs -> names.put(rs.getString(1), rs.getString(2)));
        List<FindingFigures.Urgent> urgent = new FindingFigures(sql, names).urgent(model.period().start(), model.period().end());
        ReportText text = ReportLanguage.text(model.period().language());
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            // The previous session's report: the latest ready one of a period that ended before this one began.
            Report previous = Report.<Report>find("status = ?1 and id <> ?2 and periodEnd <= ?3",
                    Sort.descending("periodEnd", "createdAt", "id"), Report.READY, reportId, model.period().start())
                    .firstResult();
            List<ActionItem> items = new ArrayList<>();
            Set<Long> tracked = new HashSet<>();
            if (previous != null) {
                for (ActionItem old : ActionItem.<ActionItem>list("reportId", Sort.ascending("position"), previous.id)) {
                    boolean closedSince = previous.finishedAt != null && old.updatedAt.isAfter(previous.finishedAt);
                    if (ActionItem.OPEN.equals(old.status) || closedSince) {
                        ActionItem item = item(reportId, items.size() + 1, old.text, old.owner, old.status,
                                ActionItem.CARRIED, old.findingId, now, "report");
                        item.carriedFrom = old.id;
                        items.add(item);
                        if (old.findingId != null && ActionItem.OPEN.equals(old.status)) {
                            tracked.add(old.findingId);
                        }
                    }
                }
            }
            int proposed = 0;
            for (FindingFigures.Urgent u : urgent) {
                if (proposed == MAX_PROPOSED || tracked.contains(u.id())) {
                    continue;
                }
                items.add(item(reportId, items.size() + 1, trim(text.proposedItem(u.severity(), u.title(),
                        u.account())), null, ActionItem.OPEN, ActionItem.PROPOSED, u.id(), now, "report"));
                proposed++;
            }
            items.forEach(i -> i.persist());
            return items.stream().map(ActionItem::view).toList();
        });
    }

    List<ActionItem.View> of(long reportId) {
        return QuarkusTransaction.joiningExisting().call(() -> ActionItem.<ActionItem>list("reportId",
                Sort.ascending("position"), reportId).stream().map(ActionItem::view).toList());
    }

    /**
     * @throws ReportRequestException naming the item when its text, status or id is not acceptable
     */
    List<ActionItem.View> replace(long reportId, List<ActionItemInput> input, String actor) {
        if (input == null) {
            throw new ReportRequestException("body: expected a JSON array of action items, found nothing");
        }
        if (input.size() > MAX_ITEMS) {
            throw new ReportRequestException("body: expected at most " + MAX_ITEMS + " action items, found "
                    + input.size());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, ActionItem> existing = new HashMap<>();
            ActionItem.<ActionItem>list("reportId", reportId).forEach(i -> existing.put(i.id, i));
            Instant now = clock.instant();
            List<ActionItem> kept = new ArrayList<>();
            for (int n = 0; n < input.size(); n++) {
                ActionItemInput in = input.get(n);
                String where = "[" + n + "]";
                if (in == null || in.text() == null || in.text().isBlank()) {
                    throw new ReportRequestException(where + ".text: expected the item's text, found none");
                }
                if (in.text().strip().length() > MAX_TEXT) {
                    throw new ReportRequestException(where + ".text: expected at most " + MAX_TEXT
                            + " characters, found " + in.text().strip().length());
                }
                String status = in.status() == null || in.status().isBlank() ? ActionItem.OPEN : in.status().strip();
                if (!STATUSES.contains(status)) {
                    throw new ReportRequestException(where + ".status: expected one of open, done, dropped; found '"
                            + in.status() + "'");
                }
                String owner = in.owner() == null || in.owner().isBlank() ? null : trim(in.owner().strip());
                ActionItem item;
                if (in.id() != null) {
                    item = existing.remove(in.id());
                    if (item == null) {
                        throw new ReportRequestException(where + ".id: expected the id of an item of report "
                                + reportId + ", found " + in.id());
                    }
                    boolean changed = !item.text.equals(in.text().strip()) || !item.status.equals(status)
                            || !java.util.Objects.equals(item.owner, owner);
                    if (changed) {
                        item.updatedBy = actor;
                        item.updatedAt = now;
                    }
                } else {
                    item = item(reportId, 0, "", null, status, ActionItem.ADDED, null, now, actor);
                }
                item.text = in.text().strip();
                item.owner = owner;
                item.status = status;
                item.position = n + 1;
                kept.add(item);
            }
            existing.values().forEach(ActionItem::delete);
            ActionItem.flush();
            kept.forEach(i -> {
                if (i.id == null) {
                    i.persist();
                }
            });
            return kept.stream().map(ActionItem::view).toList();
        });
    }

    private static ActionItem item(long reportId, int position, String text, String owner, String status,
            String origin, Long findingId, Instant now, String actor) {
        ActionItem i = new ActionItem();
        i.reportId = reportId;
        i.position = position;
        i.text = text;
        i.owner = owner;
        i.status = status;
        i.origin = origin;
        i.findingId = findingId;
        i.updatedBy = actor;
        i.updatedAt = now;
        return i;
    }

    private static String trim(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
