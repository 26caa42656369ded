package io.postureaudit.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One status change of a finding: who or what changed it, when, and why. */
@Entity
@Table(name = "finding_history")
public class FindingHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "finding_id")
    public Long findingId;
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    public String event;
    public String actor;
    public String reason;
    @Column(name = "scan_id")
    public Long scanId;
    public Instant at;
    /** Triage state before and after, on triage events (null on lifecycle events). */
    @Column(name = "from_triage")
    public String fromTriage;
    @Column(name = "to_triage")
    public String toTriage;

    static FindingHistory of(Finding finding, String from, String event, String actor, String reason, Long scanId,
            Instant at) {
        FindingHistory h = new FindingHistory();
        h.findingId = finding.id;
        h.fromStatus = from;
        h.toStatus = finding.status;
        h.event = event;
        h.actor = actor;
        h.reason = reason;
        h.scanId = scanId;
        h.at = at;
        return h;
    }
}
