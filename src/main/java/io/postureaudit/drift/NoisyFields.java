package io.postureaudit.drift;

import io.postureaudit.collect.ServiceCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The noisy fields every collector's normaliser declares, by resource type (see {@link ServiceCollector#noisyFields()}). */
@ApplicationScoped
public class NoisyFields {

    private final Map<String, List<String>> byType;

    public NoisyFields(Instance<ServiceCollector> collectors) {
        Map<String, List<String>> all = new HashMap<>();
        for (ServiceCollector collector : collectors) {
            all.putAll(collector.noisyFields());
        }
        this.byType = Map.copyOf(all);
    }

    /** Fields of {@code type} that never count as change. */
    public List<String> of(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
