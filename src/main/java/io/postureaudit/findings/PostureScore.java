package io.postureaudit.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One account's posture score as one scan left it. */
@Entity
@Table(name = "posture_score")
public class PostureScore extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "scan_id")
    public Long scanId;
    @Column(name = "account_id")
    public String accountId;
    public String environment;
    public BigDecimal score;
    @Column(name = "checked_weight")
    public long checkedWeight;
    @Column(name = "failing_weight")
    public long failingWeight;
    @Column(name = "open_critical")
    public int openCritical;
    @Column(name = "open_high")
    public int openHigh;
    @Column(name = "open_medium")
    public int openMedium;
    @Column(name = "open_low")
    public int openLow;
    @Column(name = "open_info")
    public int openInfo;
    @Column(name = "computed_at")
    public Instant computedAt;
}
