package io.postureaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one account's analysis reads of other accounts from the store: a permission set deleted in the Identity Center
 * account, or a policy deleted in the account a permission set reaches, is no longer anyone's access.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class AnalysisContextTest {

    private static final String CENTER = "444400000001";
    private static final String MEMBER = "444400000002";

    @Inject
    AnalysisContext context;

    /** The rows are this test's alone: other tests count the resources in the shared database. */
    @AfterEach
    void removeAccounts() {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("delete from resource where account_id in (?1, ?2)").setParameter(1, CENTER)
                    .setParameter(2, MEMBER).executeUpdate();
            em.createNativeQuery("delete from account where id in (?1, ?2)").setParameter(1, CENTER)
                    .setParameter(2, MEMBER).executeUpdate();
        });
    }

    @Test
    void shouldLeaveOutWhatWasDeletedInTheOtherAccounts() {
        String sets = "arn:aws:sso:::permissionSet/ssoins-4444/";
        store(CENTER, ResourceTypes.IDC_PERMISSION_SET, sets + "ps-live", Map.of("name", "Live",
                AnalysisContext.PROVISIONED, List.of(MEMBER)), false);
        store(CENTER, ResourceTypes.IDC_PERMISSION_SET, sets + "ps-gone", Map.of("name", "Gone",
                AnalysisContext.PROVISIONED, List.of(MEMBER)), true);
        String policies = "arn:aws:iam::" + MEMBER + ":policy/";
        store(MEMBER, ResourceTypes.IAM_POLICY, policies + "kept", Map.of("name", "kept"), false);
        store(MEMBER, ResourceTypes.IAM_POLICY, policies + "removed", Map.of("name", "removed"), true);

        List<String> intoMember = arns(context.forAccount(collected(MEMBER, List.of()), List.of()));
        assertEquals(List.of(sets + "ps-live"), intoMember, "only the live permission set is provisioned here");

        CollectedResource ownSet = new CollectedResource(sets + "ps-own", ResourceTypes.IDC_PERMISSION_SET, CENTER,
                "global", "Own", Map.of("name", "Own", AnalysisContext.PROVISIONED, List.of(MEMBER)), Map.of());
        List<String> reached = arns(context.forAccount(collected(CENTER, List.of(ownSet)), List.of()));
        assertEquals(List.of(policies + "kept"), reached.stream().filter(a -> a.startsWith(policies)).toList(),
                "the reached account's deleted policy is no longer there to resolve a reference");
    }

    private static List<String> arns(List<CollectedResource> resources) {
        return resources.stream().map(CollectedResource::arn).sorted().toList();
    }

    private static Collected collected(String account, List<CollectedResource> resources) {
        return new Collected(new AccountTarget(account, "a" + account, Optional.empty(), Optional.empty(),
                List.of("ap-northeast-1")), resources, List.of(), Set.of(), null);
    }

    private static void store(String account, String type, String arn, Map<String, Object> data, boolean deleted) {
        String json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("insert into account (id, name) values (?1, ?2) on conflict (id) do nothing")
                    .setParameter(1, account).setParameter(2, "a" + account).executeUpdate();
            Number resource = (Number) em.createNativeQuery("insert into resource (arn, type, account_id, region, name, "
                    + "first_seen, last_seen, last_scan_id, deleted_at) values (?1, ?2, ?3, 'global', ?4, ?5, ?5, 0, ?6) "
                    + "returning id").setParameter(1, arn).setParameter(2, type).setParameter(3, account)
                    .setParameter(4, String.valueOf(data.get("name"))).setParameter(5, now)
                    .setParameter(6, deleted ? now : null).getSingleResult();
            Number version = (Number) em.createNativeQuery("insert into resource_version (resource_id, content_hash, "
                    + "data, first_scan_id, created_at) values (?1, ?2, cast(?3 as jsonb), 0, ?4) returning id")
                    .setParameter(1, resource.longValue()).setParameter(2, "%064d".formatted(resource.longValue()))
                    .setParameter(3, json).setParameter(4, now).getSingleResult();
            em.createNativeQuery("update resource set current_version_id = ?1 where id = ?2")
                    .setParameter(1, version.longValue()).setParameter(2, resource.longValue()).executeUpdate();
        });
    }
}
