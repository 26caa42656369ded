package io.postureaudit.collect.iam;

import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.Dates;
import io.postureaudit.collect.Fanout;
import io.postureaudit.config.IamConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;

/**
 * Service last accessed per user and role: GenerateServiceLastAccessedDetails, then polls
 * GetServiceLastAccessedDetails until the job completes. It is the slowest part of an IAM scan, hence bounded
 * concurrency, a timeout per job and a switch ({@code posture.iam.service-last-accessed.*}).
 */
@ApplicationScoped
public class ServiceLastAccessed {

    private final boolean enabled;
    private final int concurrency;
    private final String granularity;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public ServiceLastAccessed(IamConfig config, Clock clock) {
        this(config.serviceLastAccessed().enabled(), config.serviceLastAccessed().concurrency(),
                config.serviceLastAccessed().granularity(), config.serviceLastAccessed().pollInterval(),
                config.serviceLastAccessed().timeout(), clock);
    }

    public ServiceLastAccessed(boolean enabled, int concurrency, String granularity, Duration pollInterval,
            Duration timeout, Clock clock) {
        if (!granularity.equals("SERVICE_LEVEL") && !granularity.equals("ACTION_LEVEL")) {
            throw new IllegalArgumentException("posture.iam.service-last-accessed.granularity must be SERVICE_LEVEL"
                    + " or ACTION_LEVEL, found '" + granularity + "'");
        }
        this.enabled = enabled;
        this.concurrency = Math.max(1, concurrency);
        this.granularity = granularity;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Per principal ARN, the list to merge into {@code observed.serviceLastAccessed}:
     * {@code [{serviceNamespace, serviceName, lastAuthenticated, lastAuthenticatedEntity,
     * lastAuthenticatedRegion, totalAuthenticatedEntities}]}. A principal whose job failed is absent from the map
     * and has a gap naming it. Empty when disabled.
     */
    public Map<String, List<Map<String, Object>>> read(IamClient iam, List<String> principalArns,
            CollectionContext context) {
        Map<String, List<Map<String, Object>>> result = new ConcurrentHashMap<>();
        if (!enabled) {
            return result;
        }
        Fanout.each(principalArns, concurrency, arn -> {
            try {
                List<Map<String, Object>> services = job(iam, arn);
                if (services != null) {
                    result.put(arn, services);
                } else {
                    context.gap("GetServiceLastAccessedDetails", "Timeout: job still IN_PROGRESS after " + timeout,
                            arn);
                }
            } catch (JobFailedException e) {
                context.gap("GetServiceLastAccessedDetails", e.getMessage(), arn);
            } catch (SdkException e) {
                context.gap("GenerateServiceLastAccessedDetails", AwsErrors.describe(e), arn);
            }
        });
        return result;
    }

    /** A job AWS reported as FAILED. */
    private static final class JobFailedException extends RuntimeException {
        JobFailedException(String message) {
            super(message);
        }
    }

    private List<Map<String, Object>> job(IamClient iam, String arn) {
        String jobId = iam.generateServiceLastAccessedDetails(r -> r.arn(arn).granularity(granularity)).jobId();
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            GetServiceLastAccessedDetailsResponse page = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId)
                    .maxItems(1000));
            String status = page.jobStatusAsString();
            if ("COMPLETED".equals(status)) {
                return services(iam, jobId, page);
            }
            if ("FAILED".equals(status)) {
                throw new JobFailedException("JobFailed: " + (page.error() == null ? "no reason given"
                        : page.error().code() + ": " + page.error().message()));
            }
            if (!clock.instant().isBefore(deadline)) {
                return null;
            }
            sleep(pollInterval);
        }
    }

    private List<Map<String, Object>> services(IamClient iam, String jobId, GetServiceLastAccessedDetailsResponse first) {
        List<Map<String, Object>> out = new ArrayList<>();
        GetServiceLastAccessedDetailsResponse page = first;
        while (true) {
            page.servicesLastAccessed().forEach(s -> out.add(entry(s)));
            if (!Boolean.TRUE.equals(page.isTruncated()) || page.marker() == null) {
                return out;
            }
            String marker = page.marker();
            page = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId).maxItems(1000).marker(marker));
        }
    }

    /** One normalised entry; shared with the offline import. */
    public static Map<String, Object> entry(software.amazon.awssdk.services.iam.model.ServiceLastAccessed s) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("serviceNamespace", s.serviceNamespace());
        e.put("serviceName", s.serviceName());
        e.put("lastAuthenticated", Dates.iso(s.lastAuthenticated()));
        e.put("lastAuthenticatedEntity", s.lastAuthenticatedEntity());
        e.put("lastAuthenticatedRegion", s.lastAuthenticatedRegion());
        e.put("totalAuthenticatedEntities", s.totalAuthenticatedEntities());
        return e;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service-last-accessed job", e);
        }
    }
}
