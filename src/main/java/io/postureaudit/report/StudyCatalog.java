package io.postureaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.rules.ClasspathFolders;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The study notes kept beside the rules: a {@code study.yaml} in a rule's folder whose {@code study:} explains the
 * AWS concept behind the rule and why it matters (in English and Japanese) and links the AWS documentation. Only a
 * rule with a note can become a study topic.
 */
@ApplicationScoped
public class StudyCatalog {

    static final List<String> LANGUAGES = List.of("en", "ja");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One rule's study note. */
    public record StudyNote(String ruleId, Map<String, String> concept, Map<String, String> why, List<String> docs,
            String source) {

        String concept(String language) {
            return concept.getOrDefault(language, concept.get("en"));
        }

        String why(String language) {
            return why.getOrDefault(language, why.get("en"));
        }
    }

    private final Map<String, StudyNote> notes;

    public StudyCatalog(PostureConfig config) {
        Map<String, StudyNote> all = new LinkedHashMap<>();
        builtIn().forEach(n -> all.put(n.ruleId(), n));
        config.rules().paths().orElse(List.of()).forEach(p -> {
            try {
                walk(p, p.toString()).forEach(n -> all.put(n.ruleId(), n));
            } catch (IOException e) {
                throw new IllegalStateException("study notes under " + p + " cannot be read: " + e.getMessage(), e);
            }
        });
        this.notes = Map.copyOf(all);
    }

    public Map<String, StudyNote> notes() {
        return notes;
    }

    static List<StudyNote> builtIn() {
        try {
            return ClasspathFolders.read("rules", root -> walk(root, "classpath:rules"));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("built-in study notes cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<StudyNote> walk(Path root, String label) throws IOException {
        List<StudyNote> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.getFileName() != null
                    && p.getFileName().toString().equals("study.yaml")).sorted().toList()) {
                String source = label + "/" + root.relativize(path).toString().replace('\\', '/');
                out.add(parse(path.getParent().getFileName().toString(), source,
                        Files.readString(path, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /**
     * @throws IllegalStateException naming the file and the field when the note is incomplete
     */
    static StudyNote parse(String ruleId, String source, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": invalid YAML: " + e.getMessage(), e);
        }
        JsonNode study = root == null ? null : root.get("study");
        if (study == null || !study.isObject()) {
            throw new IllegalStateException(source + ": expected a mapping under 'study:', found "
                    + (study == null ? "none" : study.getNodeType().name().toLowerCase()));
        }
        List<String> docs = new ArrayList<>();
        JsonNode d = study.get("docs");
        if (d == null || !d.isArray() || d.isEmpty()) {
            throw new IllegalStateException(source + ": study.docs: expected a list of AWS documentation links");
        }
        d.forEach(n -> docs.add(n.asText()));
        return new StudyNote(ruleId, texts(source, study, "concept"), texts(source, study, "why"), List.copyOf(docs),
                source);
    }

    private static Map<String, String> texts(String source, JsonNode study, String field) {
        JsonNode node = study.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            JsonNode text = node == null ? null : node.get(language);
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new IllegalStateException(source + ": study." + field + "." + language
                        + ": expected a non-empty text, found " + (text == null ? "none" : text.getNodeType()));
            }
            out.put(language, text.asText().strip());
        }
        return out;
    }
}
