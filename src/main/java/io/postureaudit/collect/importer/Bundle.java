package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline bundle: what the AWS CLI printed, keyed {@code service:Operation[@region]}, each value one output or
 * an array of outputs. Outputs of per-resource calls whose output does not name the resource carry the call's
 * parameters under {@code "@request"} (see docs/import-format.md). Keys no bundle client answers are reported back.
 */
public final class Bundle {

    /** Member of an output that holds the call's parameters; never part of the CLI's own output. */
    public static final String REQUEST = "@request";
    /** The service whose keys hold CloudTrail's event history (for attribution, not collection). */
    static final String EVENTS_SERVICE = "cloudtrail";
    private static final Pattern KEY = Pattern.compile("^([a-z0-9-]+):([A-Za-z0-9]+)(?:@([a-z]{2}(?:-[a-z]+)+-\\d))?$");

    /** A parsed key. {@code region} is null for global services. */
    public record Call(String service, String operation, String region) {
        @Override
        public String toString() {
            return service + ":" + operation + (region == null ? "" : "@" + region);
        }
    }

    private final Map<Call, List<JsonNode>> calls = new LinkedHashMap<>();
    private final List<String> malformed = new ArrayList<>();

    public Bundle(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new io.postureaudit.collect.SdkJson.ShapeException("$", "expected a JSON object keyed "
                    + "\"service:Operation[@region]\", found " + (root == null ? "nothing"
                    : root.getNodeType().name().toLowerCase()));
        }
        root.fields().forEachRemaining(e -> {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                malformed.add(e.getKey());
                return;
            }
            List<JsonNode> outputs = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(outputs::add);
            } else {
                outputs.add(e.getValue());
            }
            calls.put(new Call(alias(m.group(1)), m.group(2), m.group(3)), outputs);
        });
    }

    /** The CLI's service names, with the SDK's spellings accepted too. */
    private static String alias(String service) {
        return switch (service) {
            case "ssoadmin", "sso" -> "sso-admin";
            case "waf" -> "wafv2";
            default -> service;
        };
    }

    /**
     * Regions named by any key of a collected service, sorted. CloudTrail's keys are left out: IAM's events are in
     * us-east-1, and a bundle of Tokyo alone must not read as a us-east-1 with every call missing.
     */
    public Set<String> regions() {
        Set<String> regions = new TreeSet<>();
        calls.keySet().stream().filter(c -> c.region() != null && !EVENTS_SERVICE.equals(c.service()))
                .forEach(c -> regions.add(c.region()));
        return regions;
    }

    public boolean has(String service, String operation, String region) {
        return calls.containsKey(new Call(service, operation, region));
    }

    /** The outputs for one call; empty when the bundle lacks it. */
    public List<JsonNode> outputs(String service, String operation, String region) {
        Call call = new Call(service, operation, region);
        return calls.getOrDefault(call, List.of());
    }

    /** An id matches its ARN's last segment too (KMS takes key ids or ARNs, GuardDuty ids). */
    static boolean matchesId(String given, String id) {
        return given.equals(id) || id.endsWith("/" + given) || given.endsWith("/" + id);
    }

    /**
     * Keys that were not of the form service:Operation[@region], and well-formed keys whose service:Operation no
     * bundle client answers ({@code known}), or that name a region for a global call.
     */
    public List<String> unknownKeys(Set<String> known, Set<String> globalServices) {
        List<String> unknown = new ArrayList<>(malformed);
        calls.keySet().stream().filter(c -> !known.contains(c.service() + ":" + c.operation())
                || (c.region() != null) == globalServices.contains(c.service()))
                .map(Call::toString).forEach(unknown::add);
        return unknown;
    }
}
