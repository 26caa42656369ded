package io.postureaudit.fakeaws;

/** One AWS service behind the fake, identified by its SigV4 signing name (iam, sts, kms, wafv2, sso, …). */
public interface ServiceHandler {

    String signingName();

    Protocol protocol();

    /** The operation name a request asks for (Action=…, X-Amz-Target suffix, or derived from the REST path). */
    String operation(FakeRequest request);

    /** Answers the request; throw {@link AwsFault} to answer with a service error. */
    FakeResponse handle(FakeRequest request, String operation);

    /** A service error the handler raises, written in the service's protocol. */
    final class AwsFault extends RuntimeException {
        private final int status;
        private final String code;

        public AwsFault(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
