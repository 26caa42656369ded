package io.postureaudit.web;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What the overview says changed in one scan, read from the drift change records ({@code resource_change}, issue
 * #9). Where the schema has no change records, the summary says it is not available rather than "no changes".
 */
@ApplicationScoped
public class ChangeSummaries {

    static final int LATEST = 5;

    /** Non-cosmetic changes a scan detected: counts by kind and the first few. */
    public record Summary(boolean available, long scanId, long created, long modified, long deleted,
            List<ChangeShown> latest) {
        public long total() {
            return created + modified + deleted;
        }

        static Summary notAvailable() {
            return new Summary(false, 0, 0, 0, 0, List.of());
        }
    }

    /** One change in the summary. */
    public record ChangeShown(String accountId, String resourceType, String name, String change) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary of(Long scanId) {
        var em = Panache.getEntityManager();
        Object exists = em.createNativeQuery("select to_regclass('resource_change') is not null").getSingleResult();
        if (scanId == null || !Boolean.TRUE.equals(exists)) {
            return Summary.notAvailable();
        }
        Object[] counts = (Object[]) em.createNativeQuery("select count(*) filter (where change = 'created'), "
                + "count(*) filter (where change = 'modified'), count(*) filter (where change = 'deleted') "
                + "from resource_change where scan_id = ?1 and not cosmetic").setParameter(1, scanId)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select account_id, resource_type, coalesce(name, resource_arn), "
                + "change from resource_change where scan_id = ?1 and not cosmetic order by id limit " + LATEST)
                .setParameter(1, scanId).getResultList();
        return new Summary(true, scanId, ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue(),
                ((Number) counts[2]).longValue(), rows.stream().map(r -> new ChangeShown((String) r[0],
                        (String) r[1], (String) r[2], (String) r[3])).toList());
    }
}
