package io.postureaudit.fakeaws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the fake saw it on the wire. {@code service} and {@code region} come from the SigV4 credential
 * scope, {@code accountId} from the access key (see {@link FakeAws#accessKeyFor(String)}).
 */
public record FakeRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
        String body, String service, String region, String accountId) {

    public String header(String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Form parameters of a Query-protocol body (IAM, STS). */
    public Map<String, String> form() {
        return parseForm(body);
    }

    /** Query-string parameters (REST protocols). */
    public Map<String, String> query() {
        return parseForm(rawQuery);
    }

    static Map<String, String> parseForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
