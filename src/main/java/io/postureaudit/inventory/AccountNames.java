package io.postureaudit.inventory;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.List;
import java.util.Map;

/** Account labels people see (prod, staging, dev), by account id. */
public final class AccountNames {

    private AccountNames() {
    }

    /** Ids of accounts that hold the bundled sample estate, not a real AWS account. */
    @SuppressWarnings("unchecked")
    public static java.util.Set<String> samples() {
        return new java.util.HashSet<>(Panache.getEntityManager()
                .createNativeQuery("select id from account where sample").getResultList());
    }

    /** Fills {@code into} with every known account's name; call inside a transaction or request. */
    @SuppressWarnings("unchecked")
    public static void load(Map<String, String> into) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select id, name from account").getResultList();
        for (Object[] row : rows) {
            into.put((String) row[0], (String) row[1]);
        }
    }
}
