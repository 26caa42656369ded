package io.postureaudit.fakeaws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 {@code GetObject} over REST-XML, path-style ({@code GET /bucket/key}), as the SDK sends it when an endpoint
 * override is set. Buckets are one global namespace, as in S3; an absent bucket or key answers S3's own 404 errors.
 * Remembers the access key of every read, so tests can tell which identity read an object.
 */
public final class FakeS3 implements ServiceHandler {

    private static final Pattern KEY_ID = Pattern.compile("Credential=([^/,]+)/");
    private final Map<String, Map<String, String>> buckets = new ConcurrentHashMap<>();
    /** {@code accessKeyId bucket/key} of every GetObject answered. */
    public final List<String> reads = new CopyOnWriteArrayList<>();

    /** Creates the bucket if needed and (re)places an object, as a pipeline uploading state would. */
    public void put(String bucket, String key, String content) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>()).put(key, content);
    }

    public void delete(String bucket, String key) {
        Map<String, String> objects = buckets.get(bucket);
        if (objects != null) {
            objects.remove(key);
        }
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public String operation(FakeRequest request) {
        String[] parts = request.path().substring(1).split("/", 2);
        if ("GET".equals(request.method()) && parts.length == 2 && !parts[1].isEmpty()) {
            return "GetObject";
        }
        return "Unsupported(" + request.method() + " " + request.path() + ")";
    }

    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        if (!operation.equals("GetObject")) {
            throw new AwsFault(501, "NotImplemented", "the fake S3 serves GetObject only, not " + operation);
        }
        String[] parts = request.path().substring(1).split("/", 2);
        String bucket = decode(parts[0]);
        String key = decode(parts[1]);
        Matcher keyId = KEY_ID.matcher(String.valueOf(request.header("Authorization")));
        reads.add((keyId.find() ? keyId.group(1) : "?") + " " + bucket + "/" + key);
        Map<String, String> objects = buckets.get(bucket);
        if (objects == null) {
            throw new AwsFault(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        String content = objects.get(key);
        if (content == null) {
            throw new AwsFault(404, "NoSuchKey", "The specified key does not exist.");
        }
        String etag = "\"" + Integer.toHexString(content.hashCode()) + "\"";
        return new FakeResponse(200, "application/json", content, Map.of("ETag", etag, "Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)),
                "Accept-Ranges", "bytes"));
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
