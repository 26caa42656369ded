package io.postureaudit.scan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Column;

/** One account a live scan must hear from; its result arrives as a {@link ScanAccount} row. */
@Entity
@Table(name = "scan_plan")
@IdClass(ScanAccount.Key.class)
public class ScanPlan extends PanacheEntityBase {

    @Id
    @Column(name = "scan_id")
    public Long scanId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    public String name;
}
