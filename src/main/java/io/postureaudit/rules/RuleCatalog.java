package io.postureaudit.rules;

import io.postureaudit.config.PostureConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The loaded rules. Loaded at start-up, where any broken rule stops the service with file, line and reason;
 * a reload swaps the whole catalogue only when every rule loads, so a bad edit never loses working rules.
 */
@Startup
@ApplicationScoped
public class RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);
    private final PostureConfig config;
    private final RuleLoader loader = new RuleLoader(new CelEnvironment());
    private final RuleSettings settings;
    private volatile RuleSet current;

    public RuleCatalog(PostureConfig config) {
        this.config = config;
        this.settings = RuleSettings.from(config.rules());
        this.current = RuleSet.of(loadAll(), settings);
        LOG.infof("Loaded %d rules", current.rules().size());
    }

    public List<CompiledRule> rules() {
        return current.rules();
    }

    /** The rules, indexed by resource type, with the operator's settings: one consistent snapshot. */
    public RuleSet ruleSet() {
        return current;
    }

    public RuleSettings settings() {
        return settings;
    }

    /** Loads every rule again; throws (keeping the current catalogue) if any rule is broken. */
    public synchronized List<CompiledRule> reload() {
        RuleSet fresh = RuleSet.of(loadAll(), settings);
        current = fresh;
        return fresh.rules();
    }

    private List<CompiledRule> loadAll() {
        List<RuleSources.RuleFile> files = new ArrayList<>(RuleSources.builtIn());
        for (Path path : config.rules().paths().orElse(List.of())) {
            files.addAll(RuleSources.folder(path));
        }
        Map<String, String> seen = new HashMap<>();
        List<CompiledRule> loaded = new ArrayList<>();
        for (RuleSources.RuleFile file : files) {
            CompiledRule rule = loader.load(file.source(), file.folder(), file.text());
            String previous = seen.putIfAbsent(rule.id(), file.source());
            if (previous != null) {
                throw new RuleLoadException(file.source(), 1, "rule id '" + rule.id() + "' is already defined in "
                        + previous);
            }
            loaded.add(rule);
        }
        List<String> unknown = settings.unknownRules(seen.keySet());
        if (!unknown.isEmpty()) {
            throw new RuleSettingsException("rule settings name rules that are not loaded: expected ids of "
                    + seen.size() + " loaded rules, found " + unknown.stream().collect(Collectors.joining(", ")));
        }
        return List.copyOf(loaded);
    }
}
