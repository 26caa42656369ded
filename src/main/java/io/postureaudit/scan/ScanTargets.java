package io.postureaudit.scan;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.organizations.OrganizationAccounts;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts a scan covers: {@code posture.accounts[i]} (regions defaulting to posture.aws.regions), plus the
 * active accounts of the organization when discovery is on. A configured account wins over a discovered one.
 */
@ApplicationScoped
public class ScanTargets {

    private final PostureConfig config;
    private final OrganizationAccounts discovery;

    public ScanTargets(PostureConfig config, OrganizationAccounts discovery) {
        this.config = config;
        this.discovery = discovery;
    }

    /** Accounts to scan, and a gap when the organization could not be listed (never a silent shorter list). */
    public record Targets(List<AccountTarget> accounts, List<Gap> gaps) {
    }

    public List<AccountTarget> configured() {
        return config.accounts().stream()
                .map(a -> new AccountTarget(a.id().strip(), a.name().orElse(null), a.roleArn(), a.externalId(),
                        a.regions().orElse(config.aws().regions()).stream().map(String::strip).toList()))
                .toList();
    }

    public Targets resolve() {
        Map<String, AccountTarget> accounts = new LinkedHashMap<>();
        configured().forEach(a -> accounts.put(a.id(), a));
        OrganizationAccounts.Discovery found = discovery.discover();
        found.accounts().forEach(a -> accounts.putIfAbsent(a.id(), a));
        return new Targets(List.copyOf(accounts.values()), found.gaps());
    }
}
