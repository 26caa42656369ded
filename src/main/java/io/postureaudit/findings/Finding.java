package io.postureaudit.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rule's verdict on one resource of one account, kept across scans. */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String SUPPRESSED = "suppressed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String fingerprint;
    @Column(name = "rule_id")
    public String ruleId;
    public String title;
    public String severity;
    public String status;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "resource_arn")
    public String resourceArn;
    public String message;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> evidence;
    /** The gap that kept the last scan from judging this finding (it stayed as it was), or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "held_by")
    public Map<String, Object> heldBy;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    @Column(name = "last_scan_id")
    public Long lastScanId;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "suppressed_by")
    public String suppressedBy;
    @Column(name = "suppressed_at")
    public Instant suppressedAt;
    @Column(name = "suppress_reason")
    public String suppressReason;
    @Column(name = "suppress_expires_at")
    public Instant suppressExpiresAt;
    // Triage (issue 12): a person's view, separate from the lifecycle status; see FindingTriage.
    @Column(name = "triage_state")
    public String triageState = FindingTriage.NEW;
    @Column(name = "triage_note")
    public String triageNote;
    @Column(name = "triage_assignee")
    public String triageAssignee;
    @Column(name = "triage_updated_by")
    public String triageUpdatedBy;
    @Column(name = "triage_updated_at")
    public Instant triageUpdatedAt;
    /** 0 = critical … 4 = info, computed by the database so that lists sort on an index. */
    @Column(name = "severity_rank", insertable = false, updatable = false)
    public Integer severityRank;
}
