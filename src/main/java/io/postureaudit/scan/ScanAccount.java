package io.postureaudit.scan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** How one account fared in one scan. */
@Entity
@Table(name = "scan_account")
@IdClass(ScanAccount.Key.class)
public class ScanAccount extends PanacheEntityBase {

    @Id
    @Column(name = "scan_id")
    public Long scanId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    public String status;
    public int resources;
    /** Other account id → resources whose ARN names it (an import of foreign data), or null. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "foreign_accounts")
    public java.util.Map<String, Integer> foreignAccounts;

    /** Composite key. */
    public static class Key implements Serializable {
        public Long scanId;
        public String accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(scanId, k.scanId) && java.util.Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(scanId, accountId);
        }
    }
}
