package io.postureaudit.policy.risk;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ActionInfo;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.PrincipalPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a right-sizing suggestion: the principal's unconditional grants cut down to the services used in the window
 * and, where IAM tracked actions, to the actions used. Resource scopes are kept as they are; grants under conditions
 * are left out on purpose (they stay in their original statements, since rewriting conditions is a human decision).
 */
public final class RightSizer {

    private RightSizer() {
    }

    /** Null when there is no service-last-accessed data to base a suggestion on. */
    public static RightSizing suggest(EffectivePermissions p, PrincipalPolicies principal, Clock clock, int days) {
        if (!(principal.source().observed().get("serviceLastAccessed") instanceof List<?> sla)) {
            return null;
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Set<String> usedServices = new TreeSet<>();
        Map<String, Set<String>> usedActions = new TreeMap<>();
        for (Object o : sla) {
            Map<?, ?> s = (Map<?, ?>) o;
            String service = String.valueOf(s.get("serviceNamespace")).toLowerCase();
            Instant last = UsageDates.parse(s.get("lastAuthenticated"));
            if (last == null || last.isBefore(since)) {
                continue;
            }
            usedServices.add(service);
            if (s.get("actions") instanceof List<?> actions && !actions.isEmpty()) {
                Set<String> names = usedActions.computeIfAbsent(service, k -> new TreeSet<>());
                for (Object a : actions) {
                    Map<?, ?> action = (Map<?, ?>) a;
                    Instant at = UsageDates.parse(action.get("lastAccessed"));
                    if (at != null && !at.isBefore(since)) {
                        names.add(String.valueOf(action.get("actionName")).toLowerCase());
                    }
                }
            }
        }
        ActionCatalog catalog = p.catalog();
        BitSet grants = p.allowed();
        grants.andNot(p.conditionalOnly());
        Set<String> removed = new TreeSet<>();
        // Resource scope (joined) -> service -> actions kept; TreeMaps keep the output deterministic.
        Map<String, Map<String, List<ActionInfo>>> kept = new TreeMap<>();
        Map<BitSet, String> scopes = new HashMap<>();
        // Walk service by service: the usage test runs once per service, not once per action.
        for (String service : catalog.services()) {
            int[] range = catalog.serviceRange(service).orElseThrow();
            int first = grants.nextSetBit(range[0]);
            if (first < 0 || first >= range[1]) {
                continue;
            }
            if (!usedServices.contains(service)) {
                removed.add(service);
                continue;
            }
            Set<String> actions = usedActions.get(service);
            for (int i = first; i >= 0 && i < range[1]; i = grants.nextSetBit(i + 1)) {
                ActionInfo a = catalog.get(i);
                if (actions != null && !actions.contains(a.name().toLowerCase())) {
                    continue;
                }
                int action = i;
                String scope = scopes.computeIfAbsent(p.grantingStatements(i),
                        k -> String.join("\n", new TreeSet<>(p.resourcesFor(action))));
                kept.computeIfAbsent(scope, k -> new TreeMap<>()).computeIfAbsent(service, k -> new ArrayList<>())
                        .add(a);
            }
        }
        List<Object> statements = new ArrayList<>();
        Set<String> keptServices = new TreeSet<>();
        for (Map.Entry<String, Map<String, List<ActionInfo>>> scope : kept.entrySet()) {
            List<String> actions = new ArrayList<>();
            for (Map.Entry<String, List<ActionInfo>> service : scope.getValue().entrySet()) {
                keptServices.add(service.getKey());
                int[] range = catalog.serviceRange(service.getKey()).orElseThrow();
                if (service.getValue().size() == range[1] - range[0]) {
                    actions.add(service.getKey() + ":*");
                } else {
                    service.getValue().forEach(a -> actions.add(a.id()));
                }
            }
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("Sid", "UsedIn" + days + "Days" + (statements.size() + 1));
            statement.put("Effect", "Allow");
            statement.put("Action", actions);
            statement.put("Resource", List.of(scope.getKey().split("\n")));
            statements.add(statement);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return new RightSizing("service last accessed in the last " + days + " days"
                + (usedActions.isEmpty() ? "" : ", with action-level data for " + usedActions.keySet()),
                new ArrayList<>(keptServices), new ArrayList<>(removed), document);
    }
}
