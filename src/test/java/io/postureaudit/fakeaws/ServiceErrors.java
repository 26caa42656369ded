package io.postureaudit.fakeaws;

import java.util.Map;

/**
 * The errors each service really answers when it throttles or fails, by SigV4 signing name, as the services' API
 * references and the AWS common-errors pages document them: the Query services (IAM, STS) say {@code Throttling}
 * with 400, the JSON services {@code ThrottlingException} with 400, Organizations {@code TooManyRequestsException}
 * with 400, GuardDuty (REST behind API Gateway) {@code TooManyRequestsException} with 429, S3 {@code SlowDown} with
 * 503. Server errors use each service's own internal-error code with 500.
 */
public final class ServiceErrors {

    /** One error answer: HTTP status, the code in the body (or header), and the message. */
    public record Answer(int status, String code, String message) {
    }

    private static final Answer COMMON_THROTTLING = new Answer(400, "ThrottlingException", "Rate exceeded");
    private static final Map<String, Answer> THROTTLING = Map.of(
            "iam", new Answer(400, "Throttling", "Rate exceeded"),
            "sts", new Answer(400, "Throttling", "Rate exceeded"),
            "organizations", new Answer(400, "TooManyRequestsException",
                    "AWS Organizations can't complete your request because another request is already in progress."
                            + " Try again later."),
            "guardduty", new Answer(429, "TooManyRequestsException", "Too Many Requests"),
            "s3", new Answer(503, "SlowDown", "Please reduce your request rate."));
    private static final Answer COMMON_SERVER = new Answer(500, "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.");
    private static final Map<String, Answer> SERVER = Map.of(
            "iam", new Answer(500, "ServiceFailure", "The request processing has failed because of an unknown error,"
                    + " exception or failure."),
            "kms", new Answer(500, "KMSInternalException", "An internal error occurred."),
            "wafv2", new Answer(500, "WAFInternalErrorException", "Your request is valid, but AWS WAF couldn't"
                    + " perform the operation because of a system problem. Retry your request."),
            "guardduty", new Answer(500, "InternalServerErrorException", "Internal server error"),
            "sso", new Answer(500, "InternalServerException", "The request processing has failed because of an"
                    + " unknown error, exception, or failure with an internal server."),
            "identitystore", new Answer(500, "InternalServerException", "The request processing has failed because"
                    + " of an unknown error, exception or failure with an internal server."),
            "organizations", new Answer(500, "ServiceException", "AWS Organizations can't complete your request"
                    + " because of an internal service error. Try again later."),
            "cloudtrail", new Answer(500, "InternalFailure", "The request processing has failed because of an"
                    + " unknown error, exception or failure."),
            "s3", new Answer(500, "InternalError", "We encountered an internal error. Please try again."));
    private static final Answer UNAVAILABLE = new Answer(503, "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.");

    private ServiceErrors() {
    }

    /** What {@code signingName} answers a throttled call with. */
    public static Answer throttling(String signingName) {
        return THROTTLING.getOrDefault(signingName, COMMON_THROTTLING);
    }

    /** What {@code signingName} answers when it fails internally (HTTP 500). */
    public static Answer serverError(String signingName) {
        return SERVER.getOrDefault(signingName, COMMON_SERVER);
    }

    /** What a service answers while it is temporarily unavailable (HTTP 503). */
    public static Answer unavailable(String signingName) {
        return "s3".equals(signingName) ? new Answer(503, "ServiceUnavailable", "Service is unable to handle request.")
                : UNAVAILABLE;
    }
}
