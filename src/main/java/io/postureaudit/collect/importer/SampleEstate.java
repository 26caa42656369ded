package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.Collected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample estate shipped under {@code samples/} (on the classpath as {@code samples/estate.json} and one bundle
 * per account): three fictional accounts with planted weaknesses, imported when no account is configured so that
 * a newcomer sees findings at once. Everything it yields must be stored as sample data.
 */
@ApplicationScoped
public class SampleEstate {

    static final String MANIFEST = "samples/estate.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BundleImporter importer;

    public SampleEstate(BundleImporter importer) {
        this.importer = importer;
    }

    /** Every sample account read through the importer, as a live scan would have collected it. */
    public List<Collected> collected() {
        List<Collected> out = new ArrayList<>();
        for (BundleImporter.Imported imported : imports()) {
            if (!imported.unknownKeys().isEmpty()) {
                throw new IllegalStateException("sample bundle for " + imported.collected().account().name()
                        + " has keys no reader understands: " + imported.unknownKeys());
            }
            out.add(imported.collected());
        }
        return out;
    }

    /** The imports with their unknown keys (tests check that the samples are read completely). */
    public List<BundleImporter.Imported> imports() {
        JsonNode manifest = resource(MANIFEST);
        List<BundleImporter.Imported> out = new ArrayList<>();
        for (JsonNode account : manifest.path("accounts")) {
            String file = "samples/" + account.path("file").asText();
            out.add(importer.read(account.path("accountId").asText(), account.path("name").asText(), resource(file),
                    List.of("ap-northeast-1", "us-east-1")));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(MANIFEST + " lists no accounts: expected \"accounts\": [{\"accountId\","
                    + " \"name\", \"file\"}]");
        }
        return out;
    }

    private static JsonNode resource(String path) {
        try (InputStream in = SampleEstate.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("sample estate file " + path + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("sample estate file " + path + " is not valid JSON", e);
        }
    }
}
