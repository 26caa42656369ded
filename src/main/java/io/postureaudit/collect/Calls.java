package io.postureaudit.collect;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one AWS call and turns its failure into a gap, so that the rest of a collector carries on. */
public final class Calls {

    private Calls() {
    }

    /** The call's result, or empty after recording a scope-wide gap for {@code operation}. */
    public static <T> Optional<T> scope(CollectionContext context, String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            context.gap(operation, e);
            return Optional.empty();
        }
    }

    /** The call's result, or empty after recording a gap that names the one resource it was for. */
    public static <T> Optional<T> resource(CollectionContext context, String operation, String resourceArn,
            Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            context.gap(operation, AwsErrors.describe(e), resourceArn);
            return Optional.empty();
        }
    }

    /** The AWS error code of a failure, or null when it was not a service error. */
    public static String errorCode(Throwable error) {
        if (error instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode();
        }
        return null;
    }
}
