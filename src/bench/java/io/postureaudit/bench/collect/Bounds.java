package io.postureaudit.bench.collect;

import static io.postureaudit.bench.estate.SyntheticEstate.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The minimal number of calls the APIs allow for the synthetic estate, and the lower bound on wall time: each scope
 * (service × region) needs its sequential list pages plus its per-resource calls spread over {@code concurrency}
 * slots; scopes run {@code concurrency} at a time, so the bound is the larger of the longest scope and the total
 * work divided by the scopes in parallel.
 */
record Bounds(long minimalCalls, long lowerBoundCalls, long chainCalls) {

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    static Bounds of(int c) {
        List<long[]> scopes = new ArrayList<>(); // {calls, sequential pages, parallel calls, dependency chain}
        long entities = ROLES + POLICIES + USERS + GROUPS;
        long gaad = ceil(entities, 1000);
        scopes.add(new long[] {gaad + 2, gaad, 0, gaad}); // credential report overlaps the pages
        for (int r = 0; r < REGIONS.size(); r++) {
            long keys = KEYS / REGIONS.size() + (r < KEYS % REGIONS.size() ? 1 : 0);
            long aliasPages = ceil(keys, 100);
            scopes.add(new long[] {1 + aliasPages + 4 * keys, 1, 4 * keys, 3}); // ListKeys → DescribeKey → 3 reads
            long acls = (WEB_ACLS - CLOUDFRONT_ACLS) / REGIONS.size()
                    + (r < (WEB_ACLS - CLOUDFRONT_ACLS) % REGIONS.size() ? 1 : 0);
            long wafCalls = 3 + 8 * acls;
            long wafParallel = 8 * acls;
            if (REGIONS.get(r).equals("us-east-1")) {
                wafCalls += 3 + 2 * CLOUDFRONT_ACLS;
                wafParallel += 2 * CLOUDFRONT_ACLS;
            }
            scopes.add(new long[] {wafCalls, 1, wafParallel, 3});
            long findingPages = ceil(FINDINGS_PER_REGION, 50);
            scopes.add(new long[] {6 + findingPages + ceil(FINDINGS_PER_REGION, 50), 1 + findingPages,
                    ceil(FINDINGS_PER_REGION, 50) + 5, 1 + findingPages + 1});
            if (REGIONS.get(r).equals(HOME)) {
                long users = ceil(USERS, 100);
                long groups = ceil(GROUPS, 100);
                long setPages = ceil(PERMISSION_SETS, 100);
                long perSet = 7L * PERMISSION_SETS;
                long assignments = (long) PERMISSION_SETS * ACCOUNTS_PER_SET;
                long calls = 1 + users + groups + GROUPS + setPages + perSet + assignments;
                scopes.add(new long[] {calls, 1 + setPages, GROUPS + perSet + assignments, 1 + setPages + 2});
            } else {
                scopes.add(new long[] {1, 1, 0, 1});
            }
        }
        long minimal = 0;
        long longest = 0;
        long total = 0;
        long chain = 0;
        for (long[] s : scopes) {
            minimal += s[0];
            long scope = s[1] + ceil(s[2], c);
            longest = Math.max(longest, scope);
            total += scope;
            chain = Math.max(chain, s[3]);
        }
        return new Bounds(minimal, Math.max(longest, ceil(total, c)), chain);
    }
}
