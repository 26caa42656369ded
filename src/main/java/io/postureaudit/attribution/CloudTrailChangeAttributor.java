package io.postureaudit.attribution;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.cloudtrail.Actor;
import io.postureaudit.collect.cloudtrail.AttributionRequest;
import io.postureaudit.collect.cloudtrail.CloudTrailAttributor;
import io.postureaudit.drift.Change;
import io.postureaudit.drift.ChangeAttributor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names who made each change from CloudTrail's event history, searched from the previous scan's start to now: a
 * live scan asks the account, an offline import asks its bundle (the {@code cloudtrail:LookupEvents} key; without
 * it, a gap and unattributed changes). The sample estate is not asked: it has no history.
 */
@ApplicationScoped
public class CloudTrailChangeAttributor implements ChangeAttributor {

    /** Scans whose data did not come from the account itself (see {@code ScanService.startCollected}); an import
     *  is still attributed from its bundle. */
    static final Set<String> OFFLINE_TRIGGERS = Set.of("import", "sample", "startup-sample");
    static final String IMPORT = "import";
    /** CloudTrail's event history keeps 90 days; without a previous scan there is nothing older to ask for. */
    static final Duration HISTORY = Duration.ofDays(90);
    private final CloudTrailAttributor cloudTrail;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public CloudTrailChangeAttributor(CloudTrailAttributor cloudTrail, AgroalDataSource dataSource, Clock clock) {
        this.cloudTrail = cloudTrail;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Attributed attribute(Collected collected, List<Change> changes) {
        if (changes.isEmpty()) {
            return new Attributed(changes, List.of());
        }
        String trigger = trigger(changes.get(0).scanId());
        boolean live = trigger != null && !OFFLINE_TRIGGERS.contains(trigger);
        if (!live && !(IMPORT.equals(trigger) && collected.offline() != null)) {
            return new Attributed(changes, List.of());
        }
        Instant now = clock.instant();
        Map<Long, Instant> starts = scanStarts(changes);
        List<AttributionRequest> requests = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String name = lookupName(c.resourceType(), c.resourceArn(), c.name());
            if (name != null) {
                requests.add(new AttributionRequest(String.valueOf(i), c.region(), name,
                        starts.getOrDefault(c.previousScanId(), now.minus(HISTORY)), now));
            }
        }
        // An import asks its bundle, with the same window: what CloudTrail printed when the bundle was written.
        CloudTrailAttributor.Result result = live
                ? cloudTrail.attribute(collected.account(), changes.get(0).scanId(), requests)
                : cloudTrail.attribute(collected.offline(), collected.account(), requests);
        List<Change> out = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Actor actor = result.actors().get(String.valueOf(i));
            out.add(actor == null ? changes.get(i) : changes.get(i).withActor(asMap(actor)));
        }
        return new Attributed(out, result.gaps());
    }

    /**
     * The name CloudTrail's {@code ResourceName} lookup finds a resource by: IAM records users, roles, groups and
     * policies by name; KMS keys and Identity Center permission sets appear by ARN; a GuardDuty detector by its id.
     */
    static String lookupName(String type, String arn, String name) {
        return switch (type) {
            case ResourceTypes.KMS_KEY, ResourceTypes.IDC_PERMISSION_SET -> arn;
            case ResourceTypes.IDC_ASSIGNMENT -> arn.contains("/assignment/")
                    ? arn.substring(0, arn.indexOf("/assignment/")) : arn;
            case ResourceTypes.IAM_ACCOUNT -> null;
            default -> name == null || name.isBlank() ? arn.substring(arn.lastIndexOf('/') + 1) : name;
        };
    }

    static Map<String, Object> asMap(Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("principal", actor.principal());
        out.put("userName", actor.userName());
        out.put("event", actor.event());
        out.put("time", actor.time());
        out.put("sourceIp", actor.sourceIp());
        out.put("userAgent", actor.userAgent());
        return out;
    }

    /** The scan's trigger; null for a sample scan (or an unknown one), which is never attributed. */
    private String trigger(long scanId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select trigger, sample from scan where id = ?")) {
            select.setLong(1, scanId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && !row.getBoolean(2) ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading scan " + scanId + " failed: " + e.getMessage(), e);
        }
    }

    private Map<Long, Instant> scanStarts(List<Change> changes) {
        Map<Long, Instant> starts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select started_at from scan where id = ?")) {
            for (Change c : changes) {
                if (starts.containsKey(c.previousScanId())) {
                    continue;
                }
                select.setLong(1, c.previousScanId());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        starts.put(c.previousScanId(), row.getTimestamp(1).toInstant());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the previous scans' times failed: " + e.getMessage(), e);
        }
        return starts;
    }
}
