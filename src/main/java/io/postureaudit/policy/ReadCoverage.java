package io.postureaudit.policy;

import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the analysis could read, from a scan's gaps: whether an account's authorization details were read (then its
 * principals are analysed), and which other reads a part of the analysis lacks (then that part is "not judged",
 * naming the gap, instead of looking clean).
 */
public final class ReadCoverage {

    /** Nothing missing. */
    public static final ReadCoverage COMPLETE = new ReadCoverage(List.of());

    private static final String AUTHORIZATION = "GetAccountAuthorizationDetails";
    private final List<Gap> gaps;

    public ReadCoverage(List<Gap> gaps) {
        this.gaps = List.copyOf(gaps);
    }

    /** The scope-wide gap that kept the account's authorization details from being read completely, if any. */
    public Optional<Gap> authorizationGap(String accountId) {
        return gaps.stream().filter(g -> g.accountId().equals(accountId) && g.resourceArn() == null
                && "iam".equals(g.service()) && (AUTHORIZATION.equals(g.operation()) || "import".equals(g.operation())))
                .findFirst();
    }

    /** True when the account's authorization details were read in full (single documents may still be bad). */
    public boolean authorizationComplete(String accountId) {
        return authorizationGap(accountId).isEmpty();
    }

    /**
     * Why unused access cannot be judged for a principal: the credential report (users) or its service last
     * accessed data is missing. Empty when both were read.
     */
    public List<Map<String, Object>> unusedAccessGaps(String arn, String type, String accountId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Gap g : gaps) {
            if (!g.accountId().equals(accountId) || !"iam".equals(g.service())
                    || (g.resourceArn() != null && !g.resourceArn().equals(arn))) {
                continue;
            }
            boolean report = g.operation().endsWith("CredentialReport") && ResourceTypes.IAM_USER.equals(type);
            boolean lastAccessed = g.operation().endsWith("ServiceLastAccessedDetails");
            if (report || lastAccessed || "import".equals(g.operation())) {
                out.add(notJudged("unused-access", g));
            }
        }
        return out;
    }

    /** A {@code notJudged} entry: the part of the analysis and the gap that prevented it. */
    public static Map<String, Object> notJudged(String part, Gap gap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("part", part);
        m.put("reason", gap.service() + " " + gap.operation() + ": " + gap.error());
        return m;
    }

    /** A {@code notJudged} entry for a reason that is not a gap of the scan (an unreadable document). */
    public static Map<String, Object> notJudged(String part, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("part", part);
        m.put("reason", reason);
        return m;
    }
}
