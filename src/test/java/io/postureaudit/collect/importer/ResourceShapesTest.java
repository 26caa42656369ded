package io.postureaudit.collect.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/resource-types.md is the schema of {@code resource.data} and {@code resource.observed}: every field the
 * collectors write (over the sample estate and the fake AWS estate of {@link ImportEqualsLiveTest}) is documented
 * with its type, every documented field is written somewhere, the page lists exactly the types in code, and each
 * type lists exactly the rules that judge it; a rule that reads an undocumented field fails here too.
 */
class ResourceShapesTest {

    static final Path DOC = Path.of("docs/resource-types.md");
    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "object", "string[]",
            "object[]", "map", "policy", "json");
    // Below these the page documents no further: free-form keys (tags) or AWS's own shapes kept as AWS writes them.
    static final Set<String> OPAQUE = Set.of("map", "policy", "json");
    static final Pattern SECTION = Pattern.compile("^## `([a-z-]+\\.[a-z-]+)`\\s*$");
    static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|.*$");
    static final Pattern RULES = Pattern.compile("^Rules:(.*)$");
    static final Pattern RULE_READS = Pattern.compile(
            "resource\\.(data|observed)((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)(\\()?");

    static Map<String, Map<String, String>> documented;
    static Map<String, Set<String>> documentedRules;
    static Map<String, Set<String>> notPlanted;
    static final String NOT_PLANTED = "*(not in the test estates)*";
    static List<CollectedResource> written;

    @BeforeAll
    static void readDocAndEstates() throws IOException {
        documented = new TreeMap<>();
        documentedRules = new TreeMap<>();
        notPlanted = new TreeMap<>();
        String section = null;
        int number = 0;
        for (String line : Files.readAllLines(DOC)) {
            number++;
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                if (documented.put(section, new LinkedHashMap<>()) != null) {
                    throw new IllegalStateException(DOC + ":" + number + ": type " + section + " documented twice");
                }
                continue;
            }
            if (line.startsWith("## ")) {
                section = null;
            }
            if (section == null) {
                continue;
            }
            Matcher rules = RULES.matcher(line);
            if (rules.matches()) {
                Set<String> ids = new TreeSet<>();
                Matcher id = Pattern.compile("`([a-z0-9_]+)`").matcher(rules.group(1));
                while (id.find()) {
                    ids.add(id.group(1));
                }
                documentedRules.put(section, ids);
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && !row.group(1).equals("field")) {
                String type = row.group(2).replace("`", "").strip();
                if (!TYPES.contains(type)) {
                    throw new IllegalStateException(DOC + ":" + number + ": field " + row.group(1) + ": expected a type"
                            + " out of " + new TreeSet<>(TYPES) + ", found '" + type + "'");
                }
                documented.get(section).put(row.group(1), type);
                if (line.contains(NOT_PLANTED)) {
                    notPlanted.computeIfAbsent(section, k -> new TreeSet<>()).add(row.group(1));
                }
            }
        }
        written = new ArrayList<>();
        for (Collected c : new SampleEstate(new BundleImporter()).collected()) {
            written.addAll(c.resources());
        }
        ImportEqualsLiveTest fake = new ImportEqualsLiveTest();
        fake.plant();
        try {
            written.addAll(fake.live().resources());
        } finally {
            fake.stop();
        }
    }

    @Test
    void shouldDocumentExactlyTheResourceTypesInCode() {
        assertEquals(new TreeSet<>(ResourceTypes.ALL), documented.keySet(),
                DOC + " has one '## `type`' section per type of ResourceTypes.ALL");
        assertEquals(new TreeSet<>(ResourceTypes.ALL), new TreeSet<>(written.stream().map(CollectedResource::type)
                .toList()), "the sample estate and the fake AWS estate write every type, so every one is checked");
    }

    @Test
    void shouldDocumentEveryFieldTheCollectorsWriteWithItsType() {
        Map<String, Set<String>> problems = new TreeMap<>();
        for (CollectedResource r : written) {
            Map<String, String> fields = documented.getOrDefault(r.type(), Map.of());
            List<String> found = new ArrayList<>();
            walk(r.data(), "", fields, found);
            walk(r.observed(), "observed.", fields, found);
            if (!found.isEmpty()) {
                problems.computeIfAbsent(r.type(), k -> new TreeSet<>()).addAll(found);
            }
        }
        assertEquals(Map.of(), problems, "fields written but not documented (or of another type) in " + DOC);
    }

    @Test
    void shouldWriteEveryDocumentedFieldSomewhere() {
        Map<String, Set<String>> seen = new TreeMap<>();
        for (CollectedResource r : written) {
            Set<String> paths = seen.computeIfAbsent(r.type(), k -> new TreeSet<>());
            present(r.data(), "", paths);
            present(r.observed(), "observed.", paths);
        }
        Map<String, Set<String>> never = new TreeMap<>();
        documented.forEach((type, fields) -> fields.keySet().stream()
                .filter(f -> !seen.getOrDefault(type, Set.of()).contains(f))
                .forEach(f -> never.computeIfAbsent(type, k -> new TreeSet<>()).add(f)));
        assertEquals(notPlanted, never, "fields documented in " + DOC + " but never written with a value by the sample"
                + " estate or the fake AWS estate must be marked " + NOT_PLANTED + " (plant them, better), and a"
                + " marked field that the estates do write must lose its mark");
    }

    @Test
    void shouldListForEachTypeExactlyTheRulesThatJudgeIt() throws IOException {
        Map<String, Set<String>> judging = new TreeMap<>();
        Map<String, Set<String>> unknownReads = new TreeMap<>();
        for (JsonNode rule : rules()) {
            String id = rule.path("id").asText();
            List<String> types = new ArrayList<>();
            if (rule.path("resource").isArray()) {
                rule.path("resource").forEach(t -> types.add(t.asText()));
            } else {
                types.add(rule.path("resource").asText());
            }
            types.forEach(t -> judging.computeIfAbsent(t, k -> new TreeSet<>()).add(id));
            Matcher read = RULE_READS.matcher(rule.path("condition").asText() + "\n" + rule.path("message").asText());
            while (read.find()) {
                List<String> segments = new ArrayList<>(List.of(read.group(2).substring(1).split("\\.")));
                if (read.group(3) != null) {
                    segments.remove(segments.size() - 1); // a CEL method such as size() or exists()
                }
                String prefix = read.group(1).equals("observed") ? "observed." : "";
                if (!segments.isEmpty() && types.stream().noneMatch(t -> readsDocumented(
                        documented.getOrDefault(t, Map.of()), prefix, segments))) {
                    unknownReads.computeIfAbsent(id, k -> new TreeSet<>()).add(prefix + String.join(".", segments));
                }
            }
        }
        assertEquals(Map.of(), unknownReads, "rules reading fields " + DOC + " does not document for their types");
        Map<String, String> fix = new TreeMap<>();
        for (String type : ResourceTypes.ALL) {
            Set<String> expected = judging.getOrDefault(type, Set.of());
            if (!expected.equals(documentedRules.getOrDefault(type, Set.of()))) {
                fix.put(type, "Rules: " + (expected.isEmpty() ? "none"
                        : String.join(", ", expected.stream().map(i -> "`" + i + "`").toList())));
            }
        }
        assertEquals(Map.of(), fix, "the 'Rules:' line of these sections of " + DOC + " should read");
    }

    @Test
    void shouldDocumentEveryKeyNameConstant() throws IllegalAccessException {
        Set<String> segments = new TreeSet<>();
        documented.values().forEach(fields -> fields.keySet().forEach(f -> segments.addAll(
                List.of(f.replace("[]", "").split("\\.")))));
        List<String> missing = new ArrayList<>();
        for (Class<?> keys : List.of(IamFields.class, IdentityCenterFields.class)) {
            for (Field f : keys.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                        && !segments.contains((String) f.get(null))) {
                    missing.add(keys.getSimpleName() + "." + f.getName() + " = " + f.get(null));
                }
            }
        }
        assertEquals(List.of(), missing, "key names in code that " + DOC + " does not document");
    }

    /** Follows {@code a.b.c} through documented objects; below any other documented type the page says no more. */
    static boolean readsDocumented(Map<String, String> fields, String prefix, List<String> segments) {
        String path = prefix + segments.get(0);
        for (int i = 1; fields.containsKey(path) && i < segments.size(); i++) {
            if (!fields.get(path).equals("object")) {
                return true;
            }
            path = path + "." + segments.get(i);
        }
        return fields.containsKey(path);
    }

    static List<JsonNode> rules() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("rule.yaml")).sorted().toList()) {
                out.add(yaml.readTree(file.toFile()));
            }
        }
        assertTrue(out.size() > 50, "expected the built-in rules under rules/, found " + out.size());
        return out;
    }

    /** Records every path under {@code prefix} that is undocumented or whose value is not of the documented type. */
    static void walk(Map<?, ?> map, String prefix, Map<String, String> fields, List<String> problems) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            String type = fields.get(path);
            if (type == null) {
                problems.add(path + " (" + kind(value) + ") is not documented");
                return;
            }
            if (value == null) {
                return;
            }
            if (!fits(type, value)) {
                problems.add(path + " is documented as " + type + ", found " + kind(value) + ": " + value);
                return;
            }
            if (type.equals("object")) {
                walk((Map<?, ?>) value, path + ".", fields, problems);
            } else if (type.equals("object[]")) {
                for (Object element : (List<?>) value) {
                    walk((Map<?, ?>) element, path + "[].", fields, problems);
                }
            }
        });
    }

    /** Paths written with a value (null and empty lists or maps say nothing about the field's shape). */
    static void present(Map<?, ?> map, String prefix, Set<String> into) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
                return;
            }
            into.add(path);
            if (value instanceof Map<?, ?> m) {
                present(m, path + ".", into);
            } else if (value instanceof List<?> l) {
                l.stream().filter(e -> e instanceof Map<?, ?>).forEach(e -> present((Map<?, ?>) e, path + "[].", into));
            }
        });
    }

    static boolean fits(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object", "map" -> value instanceof Map<?, ?>;
            case "string[]" -> value instanceof List<?> l && l.stream().allMatch(e -> e instanceof String);
            case "object[]" -> value instanceof List<?> l && l.stream().allMatch(e -> e instanceof Map<?, ?>);
            case "policy" -> value instanceof Map<?, ?> || value instanceof String;
            default -> true;
        };
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> l) {
            return l.isEmpty() ? "empty list" : "list of " + kind(l.get(0));
        }
        return value instanceof Map<?, ?> ? "object" : value.getClass().getSimpleName();
    }
}
