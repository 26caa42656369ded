package io.postureaudit.fakeaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GuardDuty over REST-JSON with camelCase fields, as the service really speaks: {@code GET /detector},
 * {@code GET /detector/{id}}, filters, administrator, members, {@code POST /detector/{id}/findings} (ListFindings
 * with criteria), {@code POST /detector/{id}/findings/get} (GetFindings, at most 50 ids), and the organisation
 * calls {@code GET /admin} (ListOrganizationAdminAccounts, management account only) and
 * {@code GET /detector/{id}/admin} (DescribeOrganizationConfiguration, delegated administrator only), both refused
 * elsewhere with BadRequestException as GuardDuty refuses them.
 */
public final class FakeGuardDuty implements ServiceHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DETECTOR = Pattern.compile("^/detector/([^/]+)(/.*)?$");

    /** One detector with its filters, administrator, members and findings (wire-shape JSON). */
    public static final class Detector {
        public final String id;
        public final ObjectNode detector;
        public final Map<String, ObjectNode> filters = new LinkedHashMap<>();
        public ObjectNode administrator;
        public final List<ObjectNode> members = new ArrayList<>();
        /**
         * DescribeOrganizationConfiguration's answer (wire shape) when this detector is the region's delegated
         * administrator; null refuses it as GuardDuty refuses any other account.
         */
        public ObjectNode organizationConfiguration;
        public final List<ObjectNode> findings = new ArrayList<>();

        Detector(String id, ObjectNode detector) {
            this.id = id;
            this.detector = detector;
        }

        public ObjectNode feature(String name, String status) {
            ObjectNode f = ((ArrayNode) detector.get("features")).addObject().put("name", name).put("status", status)
                    .put("updatedAt", 1748736000.0); // a timestamp shape: epoch seconds on the wire
            f.putArray("additionalConfiguration");
            return f;
        }

        /** Makes this detector the delegated administrator's, auto-enabling members as {@code autoEnable} says. */
        public ObjectNode administersOrganization(String autoEnableOrganizationMembers) {
            organizationConfiguration = JSON.createObjectNode().put("autoEnable",
                    !"NONE".equals(autoEnableOrganizationMembers)).put("memberAccountLimitReached", false)
                    .put("autoEnableOrganizationMembers", autoEnableOrganizationMembers);
            organizationConfiguration.putArray("features");
            return organizationConfiguration;
        }

        /** One protection plan of the organisation configuration, auto-enabled NEW, ALL or NONE. */
        public ObjectNode organizationFeature(String name, String autoEnable) {
            ObjectNode f = ((ArrayNode) organizationConfiguration.get("features")).addObject().put("name", name)
                    .put("autoEnable", autoEnable);
            f.putArray("additionalConfiguration");
            return f;
        }

        public ObjectNode filter(String name, String action, int rank, String field, String op, Object value) {
            ObjectNode f = JSON.createObjectNode().put("name", name).put("action", action).put("rank", rank)
                    .put("description", name);
            f.putObject("findingCriteria").putObject("criterion").putObject(field).set(op, JSON.valueToTree(value));
            filters.put(name, f);
            return f;
        }

        public ObjectNode finding(String findingId, String type, double severity, boolean archived, String region,
                String accountId) {
            ObjectNode f = JSON.createObjectNode().put("accountId", accountId)
                    .put("arn", "arn:aws:guardduty:" + region + ":" + accountId + ":detector/" + id + "/finding/"
                            + findingId)
                    .put("confidence", 8.0).put("createdAt", "2026-11-20T01:02:03.456Z")
                    .put("description", "Finding " + type).put("id", findingId).put("partition", "aws")
                    .put("region", region).put("schemaVersion", "2.0").put("severity", severity).put("title", type)
                    .put("type", type).put("updatedAt", "2026-11-26T05:06:07.000Z");
            ObjectNode resource = f.putObject("resource").put("resourceType", "AccessKey");
            resource.putObject("accessKeyDetails").put("accessKeyId", "AKIAEXAMPLE").put("userName", "ci")
                    .put("userType", "IAMUser").put("principalId", "AIDAEXAMPLE");
            f.putObject("service").put("archived", archived).put("count", 3).put("detectorId", id)
                    .put("eventFirstSeen", "2026-11-20T01:00:00.000Z").put("eventLastSeen", "2026-11-26T05:00:00.000Z")
                    .put("serviceName", "guardduty");
            findings.add(f);
            return f;
        }
    }

    private final Map<String, List<Detector>> detectors = new ConcurrentHashMap<>();
    /** Delegated administrators by "managementAccount/region"; an account without an entry is no management account. */
    private final Map<String, List<ObjectNode>> organizationAdmins = new ConcurrentHashMap<>();
    static final String NOT_MASTER = "The request failed because you do not have required AWS Organization master"
            + " permission.";
    private volatile int pageSize = 50;

    @Override
    public String signingName() {
        return "guardduty";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    public List<Detector> detectors(String accountId, String region) {
        return detectors.computeIfAbsent(accountId + "/" + region, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    public Detector detector(String accountId, String region, String detectorId, String status) {
        ObjectNode d = JSON.createObjectNode().put("createdAt", "2024-03-01T00:00:00.000Z")
                .put("findingPublishingFrequency", "SIX_HOURS")
                .put("serviceRole", "arn:aws:iam::" + accountId + ":role/aws-service-role/guardduty.amazonaws.com/"
                        + "AWSServiceRoleForAmazonGuardDuty")
                .put("status", status).put("updatedAt", "2026-11-01T00:00:00.000Z");
        d.putArray("features");
        d.putObject("tags");
        Detector detector = new Detector(detectorId, d);
        detectors(accountId, region).add(detector);
        return detector;
    }

    /**
     * Makes {@code accountId} the organisation's management account in {@code region}, with these delegated
     * administrators (none: the list is empty); add entries with {@code adminAccountId} and {@code adminStatus}.
     */
    public List<ObjectNode> managesOrganization(String accountId, String region) {
        return organizationAdmins.computeIfAbsent(accountId + "/" + region,
                k -> new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    /** One delegated administrator as the management account lists it. */
    public static ObjectNode adminAccount(String accountId, String status) {
        return JSON.createObjectNode().put("adminAccountId", accountId).put("adminStatus", status);
    }

    @Override
    public String operation(FakeRequest request) {
        String path = request.path();
        boolean get = request.method().equals("GET");
        if (path.equals("/detector")) {
            return get ? "ListDetectors" : "CreateDetector";
        }
        if (path.equals("/admin") && get) {
            return "ListOrganizationAdminAccounts";
        }
        Matcher m = DETECTOR.matcher(path);
        if (!m.matches()) {
            return "Unknown(" + request.method() + " " + path + ")";
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        if (rest.isEmpty()) {
            return get ? "GetDetector" : "UpdateDetector";
        }
        if (rest.equals("/filter")) {
            return "ListFilters";
        }
        if (rest.startsWith("/filter/")) {
            return "GetFilter";
        }
        if (rest.equals("/administrator")) {
            return "GetAdministratorAccount";
        }
        if (rest.equals("/member")) {
            return "ListMembers";
        }
        if (rest.equals("/admin")) {
            return get ? "DescribeOrganizationConfiguration" : "UpdateOrganizationConfiguration";
        }
        if (rest.equals("/findings")) {
            return "ListFindings";
        }
        if (rest.equals("/findings/get")) {
            return "GetFindings";
        }
        return "Unknown(" + request.method() + " " + path + ")";
    }

    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        List<Detector> list = detectors(request.accountId(), request.region());
        if (operation.equals("ListDetectors")) {
            return write(page(list.stream().map(d -> d.id).toList(), request.query(), "detectorIds"));
        }
        if (operation.equals("ListOrganizationAdminAccounts")) {
            List<ObjectNode> admins = organizationAdmins.get(request.accountId() + "/" + request.region());
            if (admins == null) {
                throw new AwsFault(400, "BadRequestException", NOT_MASTER);
            }
            return write(page(List.copyOf(admins), request.query(), "adminAccounts"));
        }
        Matcher m = DETECTOR.matcher(request.path());
        if (!m.matches()) {
            throw new AwsFault(404, "NotFoundException", "no route for " + request.path());
        }
        String id = m.group(1);
        Detector d = list.stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow(() -> new AwsFault(400,
                "BadRequestException", "The request is rejected because the input detectorId is not owned by the "
                        + "current account."));
        JsonNode body = body(request);
        return switch (operation) {
            case "GetDetector" -> write(d.detector);
            case "ListFilters" -> write(page(List.copyOf(d.filters.keySet()), request.query(), "filterNames"));
            case "GetFilter" -> {
                String name = URLDecoder.decode(request.path().substring(request.path().lastIndexOf('/') + 1),
                        StandardCharsets.UTF_8);
                ObjectNode f = d.filters.get(name);
                if (f == null) {
                    throw new AwsFault(400, "BadRequestException", "The request is rejected since no such resource "
                            + "found: filter " + name);
                }
                yield write(f);
            }
            case "GetAdministratorAccount" -> {
                ObjectNode out = JSON.createObjectNode();
                if (d.administrator != null) {
                    out.set("administrator", d.administrator);
                }
                yield write(out);
            }
            case "ListMembers" -> write(page(List.copyOf(d.members), request.query(), "members"));
            case "DescribeOrganizationConfiguration" -> {
                if (d.organizationConfiguration == null) {
                    throw new AwsFault(400, "BadRequestException", NOT_MASTER);
                }
                List<JsonNode> features = new ArrayList<>();
                d.organizationConfiguration.path("features").forEach(features::add);
                ObjectNode out = d.organizationConfiguration.deepCopy();
                out.setAll(page(features, request.query(), "features"));
                yield write(out);
            }
            case "ListFindings" -> {
                boolean onlyOpen = body.path("findingCriteria").path("criterion").path("service.archived")
                        .path("equals").toString().contains("false")
                        || body.path("findingCriteria").path("criterion").path("service.archived").path("eq")
                                .toString().contains("false");
                List<String> ids = d.findings.stream()
                        .filter(f -> !onlyOpen || !f.path("service").path("archived").asBoolean())
                        .map(f -> f.get("id").asText()).toList();
                Map<String, String> paging = new LinkedHashMap<>();
                if (body.hasNonNull("nextToken")) {
                    paging.put("nextToken", body.get("nextToken").asText());
                }
                if (body.hasNonNull("maxResults")) {
                    paging.put("maxResults", body.get("maxResults").asText());
                }
                yield write(page(ids, paging, "findingIds"));
            }
            case "GetFindings" -> {
                JsonNode ids = body.path("findingIds");
                if (ids.size() > 50) {
                    throw new AwsFault(400, "BadRequestException", "findingIds has " + ids.size()
                            + " elements; at most 50 are allowed");
                }
                ArrayNode found = JSON.createArrayNode();
                for (JsonNode wanted : ids) {
                    d.findings.stream().filter(f -> f.get("id").asText().equals(wanted.asText())).findFirst()
                            .ifPresent(found::add);
                }
                ObjectNode out = JSON.createObjectNode();
                out.set("findings", found);
                yield write(out);
            }
            default -> throw new AwsFault(400, "BadRequestException", "the fake does not serve " + operation);
        };
    }

    private <T> ObjectNode page(List<T> all, Map<String, String> query, String listKey) {
        int start = query.containsKey("nextToken") ? Integer.parseInt(query.get("nextToken").substring(2)) : 0;
        int max = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "50")));
        int end = Math.min(all.size(), start + max);
        ObjectNode out = JSON.createObjectNode();
        out.set(listKey, JSON.valueToTree(all.subList(Math.min(start, all.size()), end)));
        if (end < all.size()) {
            out.put("nextToken", "t-" + end);
        }
        return out;
    }

    private static JsonNode body(FakeRequest request) {
        try {
            return request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new AwsFault(400, "BadRequestException", "body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static FakeResponse write(JsonNode node) {
        try {
            return FakeResponse.restJson(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
