package io.postureaudit.collect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Collection meters (names in docs/operations.md): time per service, and every AWS call the collectors make, per service and operation: the interceptor sees each call's outcome
 * (ok, throttled, denied, timeout, error) and duration; the SDK's metric collection adds what only the retry layer
 * knows, the attempts that were throttled and retried before the call ended.
 */
@ApplicationScoped
public class CollectMetrics implements ExecutionInterceptor, MetricPublisher {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("posture.started");
    private final MeterRegistry registry;

    public CollectMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        call(attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String outcome;
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
            outcome = service.isThrottlingException() ? "throttled"
                    : code.startsWith("AccessDenied") || code.startsWith("UnauthorizedOperation") || service.statusCode() == 403
                            ? "denied" : "error";
            Counter.builder("posture.aws.errors").description("AWS calls that failed, by error code")
                    .tags("service", service(attributes), "operation", operation(attributes), "code", code)
                    .register(registry).increment();
        } else if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            outcome = "timeout";
        } else {
            outcome = "error";
        }
        call(attributes, outcome);
    }

    private void call(ExecutionAttributes attributes, String outcome) {
        Long started = attributes.getAttribute(STARTED);
        Timer.builder("posture.aws.calls").description("AWS API calls made by the collectors, by final outcome")
                .tags("service", service(attributes), "operation", operation(attributes), "outcome", outcome)
                .register(registry).record(Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
    }

    @Override
    public void publish(MetricCollection call) {
        String service = normalise(first(call, CoreMetric.SERVICE_ID));
        String operation = String.valueOf(first(call, CoreMetric.OPERATION_NAME));
        long throttled = call.children().stream().flatMap(a -> a.metricValues(CoreMetric.ERROR_TYPE).stream())
                .filter("Throttling"::equals).count();
        if (throttled > 0) {
            Counter.builder("posture.aws.throttles").description("AWS call attempts answered with a throttling error")
                    .tags("service", service, "operation", operation).register(registry).increment(throttled);
        }
        Integer retries = first(call, CoreMetric.RETRY_COUNT);
        if (retries != null && retries > 0) {
            Counter.builder("posture.aws.retries").description("AWS call attempts retried by the SDK")
                    .tags("service", service, "operation", operation).register(registry).increment(retries);
        }
    }

    private static <T> T first(MetricCollection call, software.amazon.awssdk.metrics.SdkMetric<T> metric) {
        var values = call.metricValues(metric);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String service(ExecutionAttributes attributes) {
        return normalise(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    private static String operation(ExecutionAttributes attributes) {
        return String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** "SSO Admin", "SsoAdmin" and "WAFV2" become "ssoadmin" and "wafv2": one tag value per service. */
    static String normalise(String service) {
        return service == null ? "unknown" : service.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
    }

    /** How long one service took to read in one account and region (its calls, pages and retries). */
    public void serviceCollected(String accountId, String region, String service, Duration took) {
        Timer.builder("posture.scan.service.duration").description("Time to read one service in one account and region")
                .tags("account", accountId, "region", region, "service", service).register(registry).record(took);
    }
}
