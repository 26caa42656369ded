package io.postureaudit.collect.terraform;

import io.postureaudit.collect.AwsClientFactory;
import io.postureaudit.collect.AwsErrors;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads {@code posture.terraform.states} afresh for every scan (a pipeline may have replaced a file since the last
 * one), once per scan however many accounts it has. A location that cannot be read or understood is a problem
 * naming the location and the reason, never an exception: the scan records it as a gap.
 */
@ApplicationScoped
public class TerraformStateReader {

    private final PostureConfig config;
    private final AwsClientFactory clients;
    private long cachedScan = -1;
    private StateRead cached;

    public TerraformStateReader(PostureConfig config, AwsClientFactory clients) {
        this.config = config;
        this.clients = clients;
    }

    /** The states as read for {@code scanId}: the first call of a scan reads them, later ones share the result. */
    public synchronized StateRead forScan(long scanId) {
        if (cachedScan != scanId || cached == null) {
            cached = read();
            cachedScan = scanId;
        }
        return cached;
    }

    /** Reads every configured location now. */
    public StateRead read() {
        List<String> locations = config.terraform().states().orElse(List.of()).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (locations.isEmpty()) {
            return StateRead.none();
        }
        List<StateInstance> instances = new ArrayList<>();
        List<StateRead.Problem> problems = new ArrayList<>();
        S3Client s3 = null;
        try {
            for (String location : locations) {
                try {
                    String text;
                    if (location.startsWith("s3://")) {
                        if (s3 == null) {
                            s3 = clients.serviceS3(config.aws().regions().get(0));
                        }
                        text = readS3(s3, location);
                    } else {
                        text = readLocal(location);
                    }
                    instances.addAll(StateParser.parse(location, text));
                } catch (StateFormatException e) {
                    problems.add(new StateRead.Problem(location, e.getMessage()));
                }
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
        return new StateRead(true, List.copyOf(instances), List.copyOf(problems));
    }

    private static String readLocal(String location) throws StateFormatException {
        Path path = Path.of(location);
        try {
            if (Files.isDirectory(path)) {
                throw new StateFormatException("expected a state file, found a directory");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StateFormatException("no such file");
        } catch (AccessDeniedException e) {
            throw new StateFormatException("not readable by the service (permission denied)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new StateFormatException("not JSON: the file is not UTF-8 text");
        } catch (IOException e) {
            throw new StateFormatException("could not be read: " + e.getMessage());
        }
    }

    private static String readS3(S3Client s3, String location) throws StateFormatException {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new StateFormatException("expected s3://bucket/key, found " + location);
        }
        String bucket = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        } catch (SdkException e) {
            throw new StateFormatException("S3 GetObject failed: " + AwsErrors.describe(e));
        } catch (java.io.UncheckedIOException e) {
            throw new StateFormatException("not JSON: the object is not UTF-8 text");
        }
    }
}
