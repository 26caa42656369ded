package io.postureaudit.collect.guardduty;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Dates;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.SdkJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.guardduty.model.DetectorFeatureConfigurationResult;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.GetFilterResponse;
import software.amazon.awssdk.services.guardduty.model.Member;

/** GuardDuty detectors and findings as contract resources; shared by the live and import paths. */
public final class GuardDutyNormaliser {

    /** Nothing here moves on its own: update times and occurrence counts are kept in observed. */
    static final Map<String, List<String>> NOISY_FIELDS = Map.of();

    private GuardDutyNormaliser() {
    }

    public static String detectorArn(String region, String accountId, String detectorId) {
        return "arn:aws:guardduty:" + region + ":" + accountId + ":detector/" + detectorId;
    }

    /**
     * The contract's stand-in for a region without a detector, so rules can see the absence; it carries the
     * region's delegated administrator too ({@code organizationAdmin}, null when it could not be read).
     */
    public static CollectedResource absent(String accountId, String region, Map<String, Object> organizationAdmin) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detectorId", null);
        data.put("enabled", false);
        data.put("status", "NOT_CREATED");
        data.put("features", List.of());
        data.put("filters", List.of());
        data.put("members", List.of());
        data.put("administrator", null);
        if (organizationAdmin != null) {
            data.put("organizationAdmin", organizationAdmin);
        }
        return new CollectedResource(detectorArn(region, accountId, "none"), ResourceTypes.GUARDDUTY_DETECTOR,
                accountId, region, "no detector", data, Map.of());
    }

    public static CollectedResource detector(DetectorFacts facts, String accountId, String region) {
        GetDetectorResponse d = facts.detector();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detectorId", facts.detectorId());
        data.put("enabled", "ENABLED".equals(d.statusAsString()));
        data.put("status", d.statusAsString());
        data.put("findingPublishingFrequency", d.findingPublishingFrequencyAsString());
        data.put("serviceRole", d.serviceRole());
        data.put("createdAt", Dates.iso(d.createdAt()));
        data.put("features", features(d.features()));
        data.put("dataSources", d.dataSources() == null ? null : SdkJson.camelTree(d.dataSources()));
        data.put("filters", facts.filters() == null ? List.of() : filters(facts.filters()));
        data.put("filtersRead", facts.filters() != null);
        data.put("administrator", facts.administrator() == null ? null : Map.of(
                "accountId", facts.administrator().accountId(),
                "relationshipStatus", String.valueOf(facts.administrator().relationshipStatus())));
        data.put("administratorRead", facts.administratorRead());
        data.put("members", facts.members() == null ? List.of() : members(facts.members()));
        data.put("membersRead", facts.members() != null);
        // Left out when the call failed (a gap says why), so that "unknown" never reads as "none".
        if (facts.organizationAdmin() != null) {
            data.put("organizationAdmin", facts.organizationAdmin());
        }
        if (facts.organizationConfiguration() != null) {
            data.put("organizationConfiguration", facts.organizationConfiguration());
        }
        data.put("tags", d.hasTags() ? new LinkedHashMap<>(d.tags()) : Map.of());
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("updatedAt", Dates.iso(d.updatedAt()));
        return new CollectedResource(detectorArn(region, accountId, facts.detectorId()),
                ResourceTypes.GUARDDUTY_DETECTOR, accountId, region, facts.detectorId(), data, observed);
    }

    private static List<Object> features(List<DetectorFeatureConfigurationResult> features) {
        List<Object> out = new ArrayList<>();
        for (DetectorFeatureConfigurationResult f : features) {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f.nameAsString());
            feature.put("status", f.statusAsString());
            List<Object> extra = new ArrayList<>();
            f.additionalConfiguration().forEach(a -> extra.add(Map.of("name", a.nameAsString(),
                    "status", String.valueOf(a.statusAsString()))));
            feature.put("additionalConfiguration", extra);
            out.add(feature);
        }
        return out;
    }

    private static List<Object> filters(List<GetFilterResponse> filters) {
        List<Object> out = new ArrayList<>();
        for (GetFilterResponse f : filters) {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("name", f.name());
            filter.put("description", f.description());
            filter.put("action", f.actionAsString());
            filter.put("autoArchive", "ARCHIVE".equals(f.actionAsString()));
            filter.put("rank", f.rank());
            filter.put("findingCriteria", f.findingCriteria() == null ? Map.of()
                    : SdkJson.camelTree(f.findingCriteria()));
            out.add(filter);
        }
        return out;
    }

    private static List<Object> members(List<Member> members) {
        List<Object> out = new ArrayList<>();
        for (Member m : members) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("accountId", m.accountId());
            member.put("detectorId", m.detectorId());
            member.put("relationshipStatus", m.relationshipStatus());
            member.put("administratorId", m.administratorId());
            member.put("email", m.email());
            out.add(member);
        }
        return out;
    }

    /** GuardDuty's own severity bands: 9+ critical, 7+ high, 4+ medium, else low. */
    public static String severityLabel(Double severity) {
        double s = severity == null ? 0 : severity;
        return s >= 9 ? "critical" : s >= 7 ? "high" : s >= 4 ? "medium" : "low";
    }

    public static CollectedResource finding(Finding f, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", f.id());
        data.put("type", f.type());
        data.put("title", f.title());
        data.put("description", f.description());
        data.put("severity", f.severity());
        data.put("severityLabel", severityLabel(f.severity()));
        data.put("confidence", f.confidence());
        data.put("createdAt", Dates.iso(f.createdAt()));
        data.put("resourceType", f.resource() == null ? null : f.resource().resourceType());
        data.put("resource", SdkJson.camelMap(f.resource()));
        data.put("detectorId", f.service() == null ? null : f.service().detectorId());
        data.put("archived", f.service() != null && Boolean.TRUE.equals(f.service().archived()));
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("count", f.service() == null ? null : f.service().count());
        observed.put("eventFirstSeen", f.service() == null ? null : Dates.iso(f.service().eventFirstSeen()));
        observed.put("eventLastSeen", f.service() == null ? null : Dates.iso(f.service().eventLastSeen()));
        observed.put("updatedAt", Dates.iso(f.updatedAt()));
        String arn = f.arn() != null ? f.arn()
                : detectorArn(region, accountId, String.valueOf(data.get("detectorId"))) + "/finding/" + f.id();
        return new CollectedResource(arn, ResourceTypes.GUARDDUTY_FINDING, accountId, region, f.title(), data,
                observed);
    }
}
