package io.postureaudit.scan;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The accounts a scan covers, from {@code posture.accounts[i]} with their regions defaulting to posture.aws.regions. */
@ApplicationScoped
public class ScanTargets {

    private final PostureConfig config;

    public ScanTargets(PostureConfig config) {
        this.config = config;
    }

    public List<AccountTarget> configured() {
        return config.accounts().stream()
                .map(a -> new AccountTarget(a.id().strip(), a.name().orElse(null), a.roleArn(), a.externalId(),
                        a.regions().orElse(config.aws().regions()).stream().map(String::strip).toList()))
                .toList();
    }
}
