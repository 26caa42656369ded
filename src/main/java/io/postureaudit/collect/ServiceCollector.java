package io.postureaudit.collect;

/**
 * Reads one AWS service for one account (and region) and emits normalised resources. Collectors never judge:
 * they fetch, normalise and report what they could not read as gaps. Implementations are CDI beans.
 */
public interface ServiceCollector {

    /** Coverage scope name, the first part of the resource types it emits: iam, identitycenter, waf, guardduty, kms. */
    String service();

    CollectorScope scope();

    /** Regions a regional collector reads for an account: the configured ones, unless the service lives elsewhere. */
    default java.util.List<String> regions(AccountTarget account) {
        return account.regions();
    }

    /**
     * Collects into {@code context}. API failures are recorded with {@link CollectionContext#gap} and the
     * collector carries on with what it can still read; it throws only for bugs.
     */
    void collect(CollectionContext context);

    /**
     * Fields of {@code data} that move without anyone changing the configuration (counters, derived dates), by
     * resource type, as JSON pointers ({@code *} matches any one segment). Change detection ignores them; each
     * normaliser declares its own.
     */
    default java.util.Map<String, java.util.List<String>> noisyFields() {
        return java.util.Map.of();
    }
}
