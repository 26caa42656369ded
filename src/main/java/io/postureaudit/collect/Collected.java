package io.postureaudit.collect;

import java.util.List;
import java.util.Set;

/**
 * Everything read from one account in one scan, live or imported.
 *
 * @param attempted the {@code region|service} scopes that were tried; a scope without a scope-wide gap is complete
 * @param failure   set when nothing could be read at all (e.g. the role could not be assumed)
 * @param offline   the clients an offline import was read from (its bundle), for what is asked after collection
 *                  such as CloudTrail attribution; null for a live scan, whose session is closed by then
 */
public record Collected(AccountTarget account, List<CollectedResource> resources, List<Gap> gaps,
        Set<String> attempted, String failure, AwsClients offline) {

    public Collected(AccountTarget account, List<CollectedResource> resources, List<Gap> gaps, Set<String> attempted,
            String failure) {
        this(account, resources, gaps, attempted, failure, null);
    }

    /** The same data, read from {@code clients} offline. */
    public Collected withOffline(AwsClients clients) {
        return new Collected(account, resources, gaps, attempted, failure, clients);
    }

    /** What a set of collector runs for one account read, each context one {@code region|service} scope. */
    public static Collected of(AccountTarget account, List<CollectionContext> contexts) {
        List<CollectedResource> resources = new java.util.ArrayList<>();
        List<Gap> gaps = new java.util.ArrayList<>();
        Set<String> attempted = new java.util.LinkedHashSet<>();
        for (CollectionContext context : contexts) {
            resources.addAll(context.resources());
            gaps.addAll(context.gaps());
            attempted.add(scope(context.region(), context.service()));
        }
        return new Collected(account, resources, gaps, attempted, null);
    }

    public static String scope(String region, String service) {
        return region + "|" + service;
    }

    /** Scopes read without a scope-wide gap (a gap naming one resource leaves its scope complete). */
    public Set<String> completeScopes() {
        Set<String> incomplete = new java.util.HashSet<>();
        gaps.stream().filter(g -> g.resourceArn() == null).forEach(g -> incomplete.add(scope(g.region(), g.service())));
        Set<String> complete = new java.util.HashSet<>(attempted);
        complete.removeAll(incomplete);
        return complete;
    }
}
