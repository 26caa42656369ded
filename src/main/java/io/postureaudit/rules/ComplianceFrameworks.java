package io.postureaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compliance mappings shipped in {@code rules/compliance/}: framework control ids → rule ids. */
@ApplicationScoped
public class ComplianceFrameworks {

    /** One framework; {@code id} is the file name without {@code .yaml}, controls keep file order. */
    public record Framework(String id, String name, String version, String reference,
            Map<String, List<String>> controls) {
    }

    private final Map<String, Framework> frameworks;

    public ComplianceFrameworks() {
        Map<String, Framework> loaded = new LinkedHashMap<>();
        for (RuleSources.RuleFile file : RuleSources.compliance()) {
            loaded.put(file.folder(), parse(file));
        }
        this.frameworks = Map.copyOf(loaded);
    }

    public List<Framework> all() {
        return frameworks.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** @throws UnknownFrameworkException naming the known ids when there is no such framework */
    public Framework get(String id) {
        Framework framework = frameworks.get(id);
        if (framework == null) {
            throw new UnknownFrameworkException(id, all().stream().map(Framework::id).toList());
        }
        return framework;
    }

    static Framework parse(RuleSources.RuleFile file) {
        try {
            JsonNode doc = new YAMLMapper().readTree(file.text());
            Map<String, List<String>> controls = new LinkedHashMap<>();
            doc.path("controls").fields().forEachRemaining(e -> {
                List<String> rules = new ArrayList<>();
                e.getValue().forEach(r -> rules.add(r.asText()));
                controls.put(e.getKey(), List.copyOf(rules));
            });
            if (controls.isEmpty()) {
                throw new RuleLoadException(file.source(), 1, "expected a 'controls' mapping of control id to rule ids");
            }
            return new Framework(file.folder(), doc.path("framework").asText(), doc.path("version").asText(),
                    doc.path("reference").asText(), controls);
        } catch (IOException e) {
            throw new RuleLoadException(file.source(), 1, "invalid YAML: " + e.getMessage());
        }
    }
}
