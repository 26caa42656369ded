package io.postureaudit.collect;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK failures into one line a person can act on, e.g. "AccessDenied (403): User … is not authorized". */
public final class AwsErrors {

    private AwsErrors() {
    }

    public static String describe(Throwable error) {
        if (error instanceof OfflineCallException offline) {
            return offline.getMessage();
        }
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? "ServiceError" : code) + " (" + service.statusCode() + "): "
                    + (message == null ? "no message" : message);
        }
        if (error instanceof SdkClientException client) {
            return "ClientError: " + client.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** True for errors that mean "not allowed to look", as opposed to "nothing there". */
    public static boolean isAccessDenied(Throwable error) {
        return error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && String.valueOf(service.awsErrorDetails().errorCode()).matches(
                        "AccessDenied(Exception)?|UnauthorizedOperation|UnrecognizedClientException");
    }
}
