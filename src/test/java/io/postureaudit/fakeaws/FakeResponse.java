package io.postureaudit.fakeaws;

import java.util.Map;

/** What the fake answers: status, content type, body and extra headers. */
public record FakeResponse(int status, String contentType, String body, Map<String, String> headers) {

    public static FakeResponse xml(String body) {
        return new FakeResponse(200, "text/xml", body, Map.of());
    }

    public static FakeResponse json(String body) {
        return new FakeResponse(200, "application/x-amz-json-1.1", body, Map.of());
    }

    public static FakeResponse restJson(String body) {
        return new FakeResponse(200, "application/json", body, Map.of());
    }
}
