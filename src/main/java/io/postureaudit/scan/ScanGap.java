package io.postureaudit.scan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something a scan could not read, kept so the scan says so instead of reporting it clean. */
@Entity
@Table(name = "scan_gap")
public class ScanGap extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "scan_id")
    public Long scanId;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    public String service;
    public String operation;
    public String error;
    @Column(name = "resource_arn")
    public String resourceArn;
}
