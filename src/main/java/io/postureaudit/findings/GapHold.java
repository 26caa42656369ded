package io.postureaudit.findings;

import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which gap, if any, keeps a finding from being judged: one on a call the rule reads, for the finding's scope or
 * its very resource. A rule's {@code reads} narrow only the services they name; for its resource's own service a
 * rule that names none of that service's calls reads them all. {@code GetX} also covers the {@code GenerateX} that
 * prepares it, and an unreadable import output ({@code import}) covers every call of its service.
 */
final class GapHold {

    private GapHold() {
    }

    /** The first gap holding a finding of {@code ruleId} on this resource, or null when nothing holds it. */
    static Gap find(List<Gap> gaps, List<String> reads, String resourceType, String region, String resourceArn) {
        String service = ResourceTypes.service(resourceType);
        for (Gap gap : gaps) {
            if (covers(gap, service, region, resourceArn) && reads(reads, service, gap)) {
                return gap;
            }
        }
        return null;
    }

    private static boolean covers(Gap gap, String service, String region, String resourceArn) {
        if (gap.resourceArn() != null) {
            return gap.resourceArn().equals(resourceArn);
        }
        // A scope-wide gap of the finding's own service covers its region; one of another service it reads (IAM for
        // a permission set's policies) covers it wherever it is.
        return !gap.service().equals(service) || gap.region().equals(region);
    }

    static boolean reads(List<String> reads, String findingService, Gap gap) {
        boolean namesService = reads.stream().anyMatch(r -> r.startsWith(gap.service() + ":"));
        if (!namesService) {
            return gap.service().equals(findingService);
        }
        if ("import".equals(gap.operation())) {
            return true;
        }
        String operation = gap.operation().startsWith("Generate") ? "Get" + gap.operation().substring(8)
                : gap.operation();
        return reads.contains(gap.service() + ":" + operation);
    }

    /** The {@code heldBy} record a finding carries while a gap holds it. */
    static Map<String, Object> describe(Gap gap, long scanId) {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("scanId", scanId);
        held.put("region", gap.region());
        held.put("service", gap.service());
        held.put("operation", gap.operation());
        held.put("error", gap.error());
        held.put("resourceArn", gap.resourceArn());
        return held;
    }
}
