package io.postureaudit.rules;

import io.postureaudit.config.PostureConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private volatile List<CompiledRule> rules;

    public RuleCatalog(PostureConfig config) {
        this.config = config;
        this.rules = loadAll();
        LOG.infof("Loaded %d rules", rules.size());
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** Loads every rule again; throws (keeping the current catalogue) if any rule is broken. */
    public synchronized List<CompiledRule> reload() {
        List<CompiledRule> fresh = loadAll();
        rules = fresh;
        return fresh;
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
        return List.copyOf(loaded);
    }
}
