package io.postureaudit.inventory;

import io.postureaudit.collect.CollectedResource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resources whose own ARN names an account other than the one they were read or imported for: an import of another
 * account's dump, or two dumps pasted together. They are kept (they are what was handed in) and counted, so the
 * mismatch is said, never silent.
 */
public final class ForeignAccounts {

    private ForeignAccounts() {
    }

    /** Other account id → how many resources name it, in account order; empty when every ARN is the account's. */
    public static Map<String, Integer> count(String accountId, List<CollectedResource> resources) {
        Map<String, Integer> out = new TreeMap<>();
        for (CollectedResource r : resources) {
            String other = account(r.arn());
            if (other != null && !other.equals(accountId)) {
                out.merge(other, 1, Integer::sum);
            }
        }
        return out;
    }

    // The fifth ARN field when it is a 12-digit account (AWS managed policies say "aws", S3 ARNs nothing).
    private static String account(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }
}
