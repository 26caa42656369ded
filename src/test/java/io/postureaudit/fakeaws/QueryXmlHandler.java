package io.postureaudit.fakeaws;

/** Base of the Query-protocol services (IAM, STS): form-encoded {@code Action=…} in, XML out. */
public abstract class QueryXmlHandler implements ServiceHandler {

    private final String signingName;

    protected QueryXmlHandler(String signingName) {
        this.signingName = signingName;
    }

    @Override
    public String signingName() {
        return signingName;
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY_XML;
    }

    @Override
    public String operation(FakeRequest request) {
        return request.form().getOrDefault("Action", "Unknown");
    }
}
