package io.postureaudit.collect.iam;

import io.postureaudit.collect.CollectionContext;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/** Generates the credential report, polls until IAM has it ready, and parses it. */
@ApplicationScoped
public class CredentialReportReader {

    private final Duration timeout;
    private final Duration poll;
    private final Clock clock;

    @Inject
    public CredentialReportReader(PostureConfig config, Clock clock) {
        this(config.aws().credentialReportTimeout(), config.aws().credentialReportPoll(), clock);
    }

    public CredentialReportReader(Duration timeout, Duration poll, Clock clock) {
        this.timeout = timeout;
        this.poll = poll;
        this.clock = clock;
    }

    /** The parsed report, or null after recording a gap. */
    public CredentialReport read(IamClient iam, CollectionContext context) {
        Instant deadline = clock.instant().plus(timeout);
        try {
            while (iam.generateCredentialReport().state() != ReportStateType.COMPLETE) {
                if (!waitUntil(deadline, context, "GenerateCredentialReport")) {
                    return null;
                }
            }
            while (true) {
                try {
                    String csv = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8);
                    return CredentialReport.parse(csv);
                } catch (AwsServiceException e) {
                    boolean inProgress = e.awsErrorDetails() != null
                            && "ReportInProgress".equals(e.awsErrorDetails().errorCode());
                    if (!inProgress) {
                        throw e;
                    }
                    if (!waitUntil(deadline, context, "GetCredentialReport")) {
                        return null;
                    }
                }
            }
        } catch (SdkException e) {
            context.gap("GetCredentialReport", e);
            return null;
        } catch (IllegalArgumentException e) {
            context.gap("GetCredentialReport", "Unreadable credential report: " + e.getMessage(), null);
            return null;
        }
    }

    private boolean waitUntil(Instant deadline, CollectionContext context, String operation) {
        if (!clock.instant().isBefore(deadline)) {
            context.gap(operation, "Timeout: the credential report was not ready after "
                    + timeout, null);
            return false;
        }
        try {
            Thread.sleep(poll.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.gap(operation, "Interrupted while waiting for the credential report", null);
            return false;
        }
    }
}
