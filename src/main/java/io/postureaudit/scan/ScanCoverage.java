package io.postureaudit.scan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** Whether one (account, region, service) scope was read completely in a scan, and how much it held. */
@Entity
@Table(name = "scan_coverage")
@IdClass(ScanCoverage.Key.class)
public class ScanCoverage extends PanacheEntityBase {

    @Id
    @Column(name = "scan_id")
    public Long scanId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Id
    public String region;
    @Id
    public String service;
    public boolean complete;
    public int resources;

    /** Composite key. */
    public static class Key implements Serializable {
        public Long scanId;
        public String accountId;
        public String region;
        public String service;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(scanId, k.scanId) && java.util.Objects.equals(accountId, k.accountId) && java.util.Objects.equals(region, k.region) && java.util.Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(scanId, accountId, region, service);
        }
    }
}
