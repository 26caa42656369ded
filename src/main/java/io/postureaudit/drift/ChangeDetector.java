package io.postureaudit.drift;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Compares what this scan stored for one account with the previous complete scan of each scope it read completely:
 * created, modified (field diff without noisy fields) and deleted resources. A scope with a gap now is skipped
 * entirely (absence you could not see is not deletion), as is a scope never read completely before. Runs right
 * after the account's snapshot is written, in the same per-account step.
 */
@ApplicationScoped
public class ChangeDetector {

    private static final Logger LOG = Logger.getLogger(ChangeDetector.class);

    private final AgroalDataSource dataSource;
    private final NoisyFields noisy;
    private final IamEffects effects;
    private final Clock clock;

    public ChangeDetector(AgroalDataSource dataSource, NoisyFields noisy, IamEffects effects, Clock clock) {
        this.dataSource = dataSource;
        this.noisy = noisy;
        this.effects = effects;
        this.clock = clock;
    }

    /** The stored changes, with the data on both sides; effects judged within this account's snapshot alone. */
    @Transactional
    public List<Change> detect(long scanId, Collected collected) {
        return detect(scanId, collected, List::of);
    }

    /**
     * As above, with other accounts' resources this account's access depends on ({@code elsewhere}, read only when an
     * IAM-bearing change is there): permission sets provisioned into it and who holds them, policies they resolve to.
     */
    @Transactional
    public List<Change> detect(long scanId, Collected collected, Supplier<List<CollectedResource>> elsewhere) {
        String accountId = collected.account().id();
        Set<String> complete = collected.completeScopes();
        Set<String> gapArns = new HashSet<>();
        for (Gap gap : collected.gaps()) {
            if (gap.resourceArn() != null) {
                gapArns.add(gap.resourceArn());
            }
        }
        Instant now = clock.instant();
        Phases phases = new Phases();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> previous = ChangeStore.previousCompleteScans(c, accountId, scanId);
            Map<String, ChangeStore.Seen> seenNow = index(ChangeStore.current(c, scanId, accountId), complete);
            Map<Long, List<ChangeStore.Seen>> before = new HashMap<>();
            for (Long prev : new LinkedHashSet<>(previous.values())) {
                before.put(prev, ChangeStore.seenBy(c, prev, accountId));
            }
            List<ChangeStore.Pending> pending = new ArrayList<>();
            Set<Long> versions = new HashSet<>();
            Map<String, Long> previousOfArn = new HashMap<>();
            Map<String, ChangeStore.Seen> then = new HashMap<>();
            for (String scope : complete) {
                Long prev = previous.get(scope);
                if (prev == null) {
                    continue;
                }
                for (ChangeStore.Seen seen : before.get(prev)) {
                    if (seen.scope().equals(scope)) {
                        then.put(seen.arn(), seen);
                        previousOfArn.put(seen.arn(), prev);
                    }
                }
                String[] parts = scope.split("\\|", 2);
                ChangeStore.markDeleted(c, scanId, accountId, parts[0], parts[1], gapArns, now);
            }
            for (ChangeStore.Seen after : seenNow.values()) {
                Long prev = previous.get(after.scope());
                if (prev == null) {
                    continue;
                }
                ChangeStore.Seen was = then.get(after.arn());
                if (was == null) {
                    pending.add(pending(scanId, prev, accountId, Change.CREATED, after, null, after.versionId(), now));
                    versions.add(after.versionId());
                } else if (was.versionId() != after.versionId() && !gapArns.contains(after.arn())) {
                    pending.add(pending(scanId, prev, accountId, Change.MODIFIED, after, was.versionId(),
                            after.versionId(), now));
                    versions.add(was.versionId());
                    versions.add(after.versionId());
                }
            }
            for (ChangeStore.Seen was : then.values()) {
                if (!seenNow.containsKey(was.arn()) && !gapArns.contains(was.arn())) {
                    pending.add(pending(scanId, previousOfArn.get(was.arn()), accountId, Change.DELETED, was,
                            was.versionId(), null, now));
                    versions.add(was.versionId());
                }
            }
            Map<Long, Map<String, Object>> data = ChangeStore.data(c, versions);
            phases.end("read and mark deletions");
            List<ChangeStore.Pending> withFields = new ArrayList<>();
            for (ChangeStore.Pending p : pending) {
                ChangeStore.Pending filled = fill(p, data);
                if (filled != null) {
                    withFields.add(filled);
                }
            }
            phases.end("field diffs");
            withFields = effects.apply(withFields, () -> snapshotNow(collected, elsewhere.get()));
            phases.end("semantic diff");
            withFields.sort(java.util.Comparator.comparing((ChangeStore.Pending p) -> p.change().resourceType())
                    .thenComparing(p -> p.change().resourceArn()));
            List<Change> stored = ChangeStore.insert(c, withFields);
            phases.end("insert");
            LOG.debugf("changes of account %s in scan %d: %d of %d resources; %s", accountId, scanId,
                    stored.size(), seenNow.size(), phases);
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("detecting changes of account " + accountId + " in scan " + scanId
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, ChangeStore.Seen> index(List<ChangeStore.Seen> rows, Set<String> complete) {
        Map<String, ChangeStore.Seen> out = new HashMap<>();
        for (ChangeStore.Seen row : rows) {
            if (complete.contains(row.scope())) {
                out.put(row.arn(), row);
            }
        }
        return out;
    }

    private static ChangeStore.Pending pending(long scanId, long prev, String accountId, String kind,
            ChangeStore.Seen seen, Long beforeVersion, Long afterVersion, Instant now) {
        Change change = new Change(null, scanId, prev, accountId, seen.region(), seen.type(), seen.arn(), seen.name(),
                kind, false, List.of(), null, null, now, Map.of(), Map.of());
        return new ChangeStore.Pending(change, seen.resourceId(), beforeVersion, afterVersion);
    }

    /** Adds data and field diffs; null when only noisy fields moved. */
    private ChangeStore.Pending fill(ChangeStore.Pending p, Map<Long, Map<String, Object>> data) {
        Map<String, Object> before = p.beforeVersionId() == null ? Map.of() : data.get(p.beforeVersionId());
        Map<String, Object> after = p.afterVersionId() == null ? Map.of() : data.get(p.afterVersionId());
        Change ch = p.change();
        List<FieldChange> fields = switch (ch.change()) {
            case Change.CREATED -> List.of(new FieldChange("", null, after));
            case Change.DELETED -> List.of(new FieldChange("", before, null));
            default -> JsonDiff.diff(before, after, noisy.of(ch.resourceType()));
        };
        if (fields.isEmpty()) {
            return null;
        }
        Change filled = new Change(null, ch.scanId(), ch.previousScanId(), ch.accountId(), ch.region(),
                ch.resourceType(), ch.resourceArn(), ch.name(), ch.change(), PolicyText.cosmeticOnly(before, after),
                fields, null, null, ch.detectedAt(), before, after);
        return new ChangeStore.Pending(filled, p.resourceId(), p.beforeVersionId(), p.afterVersionId());
    }

    /**
     * The account's IAM-bearing resources as this scan read them, then those of other accounts it depends on, without
     * usage data (effects judge config).
     */
    private static List<CollectedResource> snapshotNow(Collected collected, List<CollectedResource> elsewhere) {
        List<CollectedResource> out = new ArrayList<>();
        Set<String> arns = new HashSet<>();
        for (CollectedResource r : collected.resources()) {
            if (IamEffects.bearsIam(r.type())) {
                out.add(withoutUsage(r));
                arns.add(r.arn());
            }
        }
        for (CollectedResource r : elsewhere) {
            if (IamEffects.bearsIam(r.type()) && arns.add(r.arn())) {
                out.add(withoutUsage(r));
            }
        }
        return out;
    }

    private static CollectedResource withoutUsage(CollectedResource r) {
        return new CollectedResource(r.arn(), r.type(), r.accountId(), r.region(), r.name(), r.data(), Map.of());
    }
}
