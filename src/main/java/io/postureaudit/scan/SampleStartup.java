package io.postureaudit.scan;

import io.postureaudit.collect.importer.SampleEstate;
import io.postureaudit.config.OrganizationConfig;
import io.postureaudit.config.PostureConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * A newcomer who starts the service with no account configured sees findings within a minute: the bundled
 * three-account sample estate is imported once, and labelled as sample data wherever it shows.
 */
@ApplicationScoped
public class SampleStartup {

    private static final Logger LOG = Logger.getLogger(SampleStartup.class);
    private final PostureConfig config;
    private final OrganizationConfig organization;
    private final ScanService scans;
    private final SampleEstate samples;

    public SampleStartup(PostureConfig config, OrganizationConfig organization, ScanService scans,
            SampleEstate samples) {
        this.config = config;
        this.organization = organization;
        this.scans = scans;
        this.samples = samples;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.samples().enabled() || !config.accounts().isEmpty() || organization.enabled() || alreadyImported()) {
            return;
        }
        long id = scans.startCollected("sample", samples.collected(), true);
        LOG.infof("No AWS account is configured: importing the sample estate as scan %d (sample data, not your "
                + "AWS). Configure posture.accounts[0].id to audit a real account.", id);
    }

    @Transactional
    boolean alreadyImported() {
        return Scan.count("sample", true) > 0;
    }
}
