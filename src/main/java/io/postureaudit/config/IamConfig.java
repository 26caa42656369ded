package io.postureaudit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** IAM collection options under {@code posture.iam.*}; service last accessed is the slowest part of a scan. */
@ConfigMapping(prefix = "posture.iam")
public interface IamConfig {

    @WithName("service-last-accessed")
    ServiceLastAccessed serviceLastAccessed();

    /** GenerateServiceLastAccessedDetails/GetServiceLastAccessedDetails per user and role. */
    interface ServiceLastAccessed {
        @WithDefault("true")
        boolean enabled();

        /** Jobs in flight at once for one account. */
        @WithDefault("4")
        int concurrency();

        /** SERVICE_LEVEL or ACTION_LEVEL (action level only covers the services IAM tracks actions for). */
        @WithDefault("SERVICE_LEVEL")
        String granularity();

        @WithName("poll-interval")
        @WithDefault("PT1S")
        Duration pollInterval();

        /** How long one job may stay IN_PROGRESS before it becomes a gap. */
        @WithDefault("PT5M")
        Duration timeout();
    }
}
