package io.postureaudit.policy.risk;

import io.postureaudit.policy.effective.PrincipalPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unused access from IAM's service-last-accessed data, RoleLastUsed and the credential report: services not used in
 * the window, principals not used at all, and access keys or passwords nobody uses. Time comes from the given clock.
 */
public final class UnusedAccess {

    private UnusedAccess() {
    }

    /** Services used within the window, from service-last-accessed data (null when AWS reported none). */
    public static List<String> usedServices(PrincipalPolicies principal, Clock clock, int days) {
        Object sla = principal.source().observed().get("serviceLastAccessed");
        if (!(sla instanceof List<?> list)) {
            return null;
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        List<String> used = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> s = (Map<?, ?>) o;
            Instant last = UsageDates.parse(s.get("lastAuthenticated"));
            if (last != null && !last.isBefore(since)) {
                used.add(String.valueOf(s.get("serviceNamespace")));
            }
        }
        return used;
    }

    public static List<Risk> analyse(PrincipalPolicies principal, Clock clock, int days, Map<String, Object> facts) {
        List<Risk> risks = new ArrayList<>();
        Map<String, Object> data = principal.source().data();
        Map<String, Object> observed = principal.source().observed();
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(days));
        Instant created = UsageDates.parse(data.get("createDate"));
        boolean old = created == null || created.isBefore(since);

        List<String> unusedServices = new ArrayList<>();
        if (observed.get("serviceLastAccessed") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> s = (Map<?, ?>) o;
                Instant last = UsageDates.parse(s.get("lastAuthenticated"));
                if ((last == null || last.isBefore(since)) && old) {
                    unusedServices.add(String.valueOf(s.get("serviceNamespace")));
                }
            }
        }
        facts.put("unusedServices", unusedServices);
        if (!unusedServices.isEmpty()) {
            risks.add(new Risk(RiskCategory.UNUSED_ACCESS, "Has permissions for " + unusedServices.size()
                    + " service(s) not used in " + days + " days: " + String.join(", ", unusedServices) + ".",
                    List.of()));
        }

        Instant lastUse = lastUse(principal, observed);
        facts.put("daysSinceLastUse", lastUse == null ? null : Duration.between(lastUse, now).toDays());
        facts.put("neverUsed", lastUse == null);
        boolean usageKnown = "iam.role".equals(principal.type()) || data.containsKey("credentials");
        boolean unusedPrincipal = usageKnown && old && (lastUse == null || lastUse.isBefore(since));
        facts.put("unusedPrincipal", unusedPrincipal);
        if (unusedPrincipal) {
            risks.add(new Risk(RiskCategory.UNUSED_ACCESS, (principal.type().equals("iam.role") ? "Role " : "User ")
                    + principal.name() + (lastUse == null ? " has never been used" : " has not been used for "
                    + Duration.between(lastUse, now).toDays() + " days") + ".", List.of()));
        }

        List<Integer> staleKeys = new ArrayList<>();
        boolean stalePassword = false;
        if (data.get("credentials") instanceof Map<?, ?> creds) {
            for (Object k : list(creds.get("accessKeys"))) {
                Map<?, ?> key = (Map<?, ?>) k;
                if (!Boolean.TRUE.equals(key.get("active"))) {
                    continue;
                }
                Object number = key.get("number");
                Instant rotated = UsageDates.parse(key.get("lastRotated"));
                Instant used = keyLastUsed(observed, number);
                if ((used == null || used.isBefore(since)) && (rotated == null || rotated.isBefore(since))) {
                    staleKeys.add(number instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(number)));
                }
            }
            Instant passwordUsed = UsageDates.parse(observed.get("passwordLastUsed"));
            stalePassword = Boolean.TRUE.equals(creds.get("passwordEnabled")) && old
                    && (passwordUsed == null || passwordUsed.isBefore(since));
        }
        facts.put("unusedAccessKeys", staleKeys);
        facts.put("unusedPassword", stalePassword);
        for (Integer key : staleKeys) {
            risks.add(new Risk(RiskCategory.UNUSED_ACCESS, "Active access key " + key + " of " + principal.name()
                    + " has not been used for " + days + " days.", List.of()));
        }
        if (stalePassword) {
            risks.add(new Risk(RiskCategory.UNUSED_ACCESS, "Console password of " + principal.name()
                    + " has not been used for " + days + " days.", List.of()));
        }
        return risks;
    }

    private static Instant lastUse(PrincipalPolicies principal, Map<String, Object> observed) {
        Instant latest = null;
        if (observed.get("roleLastUsed") instanceof Map<?, ?> r) {
            latest = UsageDates.parse(r.get("lastUsedDate"));
        }
        latest = later(latest, UsageDates.parse(observed.get("passwordLastUsed")));
        for (Object k : list(observed.get("accessKeys"))) {
            latest = later(latest, UsageDates.parse(((Map<?, ?>) k).get("lastUsedDate")));
        }
        return latest;
    }

    private static Instant keyLastUsed(Map<String, Object> observed, Object number) {
        for (Object k : list(observed.get("accessKeys"))) {
            Map<?, ?> key = (Map<?, ?>) k;
            if (String.valueOf(key.get("number")).equals(String.valueOf(number))) {
                return UsageDates.parse(key.get("lastUsedDate"));
            }
        }
        return null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
