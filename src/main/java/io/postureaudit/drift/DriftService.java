package io.postureaudit.drift;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One account's drift steps of a scan: detect changes and let attributors name who made them (before rules run),
 * then store the drift score (after findings are reconciled).
 */
@ApplicationScoped
public class DriftService {

    private final ChangeDetector detector;
    private final Instance<ChangeAttributor> attributors;
    private final AgroalDataSource dataSource;
    private final DriftScores scores;

    public DriftService(ChangeDetector detector, Instance<ChangeAttributor> attributors, AgroalDataSource dataSource,
            DriftScores scores) {
        this.detector = detector;
        this.attributors = attributors;
        this.dataSource = dataSource;
        this.scores = scores;
    }

    /** Stores the account's drift score for the scan; call after its findings are reconciled. */
    public DriftScores.Drift score(long scanId, String accountId) {
        return scores.record(scanId, accountId);
    }

    /** What the step found: the changes (attributed where possible) and the gaps attribution met. */
    public record Result(List<Change> changes, List<Gap> gaps) {
    }

    /**
     * @param elsewhere other accounts' resources the account's access depends on (permission sets provisioned into
     *                  it, the IAM policies their customer managed references resolve to, Identity Center's holders)
     */
    public Result changes(long scanId, Collected collected, Supplier<List<CollectedResource>> elsewhere) {
        List<Change> changes = detector.detect(scanId, collected, elsewhere);
        List<Gap> gaps = new ArrayList<>();
        if (changes.isEmpty()) {
            return new Result(changes, gaps);
        }
        for (ChangeAttributor attributor : attributors) {
            ChangeAttributor.Attributed attributed = attributor.attribute(collected, changes);
            gaps.addAll(attributed.gaps());
            storeActors(changes, attributed.changes());
            changes = attributed.changes();
        }
        return new Result(changes, gaps);
    }

    private void storeActors(List<Change> before, List<Change> after) {
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < after.size(); i++) {
                Change ch = after.get(i);
                if (ch.id() != null && ch.actor() != null && (i >= before.size()
                        || !Objects.equals(before.get(i).actor(), ch.actor()))) {
                    ChangeStore.setActor(c, ch.id(), ch.actor());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording who made " + after.size() + " changes failed: "
                    + e.getMessage(), e);
        }
    }
}
