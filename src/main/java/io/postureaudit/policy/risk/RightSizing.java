package io.postureaudit.policy.risk;

import java.util.List;
import java.util.Map;

/**
 * A narrower policy for a principal: only the services (and actions, where AWS reports them) used in the window.
 *
 * @param basis           what the suggestion rests on, e.g. "service last accessed, 90 days"
 * @param keptServices    services kept because they were used
 * @param removedServices services the principal may use today but did not in the window
 * @param document        the suggested policy document (JSON-ready maps and lists)
 */
public record RightSizing(String basis, List<String> keptServices, List<String> removedServices,
        Map<String, Object> document) {

    public RightSizing {
        keptServices = List.copyOf(keptServices);
        removedServices = List.copyOf(removedServices);
    }
}
