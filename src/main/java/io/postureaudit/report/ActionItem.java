package io.postureaudit.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One action item of one report: carried over from the previous report, proposed from a finding, or added. */
@Entity
@Table(name = "report_action_item")
public class ActionItem extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String DONE = "done";
    public static final String DROPPED = "dropped";
    public static final String CARRIED = "carried";
    public static final String PROPOSED = "proposed";
    public static final String ADDED = "added";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "report_id")
    public Long reportId;
    public int position;
    public String text;
    public String owner;
    public String status;
    public String origin;
    @Column(name = "finding_id")
    public Long findingId;
    @Column(name = "carried_from")
    public Long carriedFrom;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The item as renderers and the API see it. */
    public View view() {
        return new View(id, position, text, owner, status, origin, findingId);
    }

    /** An action item without persistence. */
    @io.quarkus.qute.TemplateData
    public record View(Long id, int position, String text, String owner, String status, String origin,
            Long findingId) {
    }
}
