package io.postureaudit.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One archived report: its period, language, status, the computed model and every rendered format. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "period_from")
    public LocalDate periodFrom;
    @Column(name = "period_to")
    public LocalDate periodTo;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    public String zone;
    public String language;
    public String trigger;
    public String status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String error;
    @JdbcTypeCode(SqlTypes.JSON)
    @Basic(fetch = FetchType.LAZY)
    public String model;
    @Basic(fetch = FetchType.LAZY)
    public String markdown;
    @Basic(fetch = FetchType.LAZY)
    public String html;
    @Basic(fetch = FetchType.LAZY)
    public byte[] pdf;
    @Column(name = "outbox_id")
    public Long outboxId;
}
