package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.guardduty.DetectorFacts;
import io.postureaudit.collect.guardduty.GuardDutyNormaliser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.GetAdministratorAccountResponse;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.GetFilterResponse;
import software.amazon.awssdk.services.guardduty.model.GetFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsResponse;
import software.amazon.awssdk.services.guardduty.model.ListFiltersResponse;
import software.amazon.awssdk.services.guardduty.model.ListMembersResponse;
import software.amazon.awssdk.services.guardduty.model.Member;

/** {@code guardduty:*@region} calls → detector (or its absence) and finding resources. */
public final class GuardDutyBundleReader implements BundleReader {

    @Override
    public String service() {
        return "guardduty";
    }

    @Override
    public java.util.Set<String> operations() {
        return java.util.Set.of("guardduty:ListDetectors", "guardduty:GetDetector", "guardduty:ListFilters", "guardduty:GetFilter", "guardduty:GetAdministratorAccount", "guardduty:ListMembers", "guardduty:ListFindings", "guardduty:GetFindings");
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void read(Bundle bundle, CollectionContext context) {
        String region = context.region();
        String account = context.accountId();
        List<JsonNode> pages = bundle.required(context, "guardduty", "ListDetectors", region, null);
        if (pages == null) {
            return;
        }
        List<String> ids = BundleReader.flatten(pages, p -> Bundle.read(p, ListDetectorsResponse::builder),
                ListDetectorsResponse::detectorIds);
        if (ids.isEmpty()) {
            context.add(GuardDutyNormaliser.absent(account, region));
            return;
        }
        boolean single = ids.size() == 1;
        for (String id : ids) {
            String arn = GuardDutyNormaliser.detectorArn(region, account, id);
            List<JsonNode> detector = BundleReader.perResource(bundle, context, "guardduty", "GetDetector",
                    "DetectorId", id, arn, o -> false, single);
            if (detector != null) {
                context.add(GuardDutyNormaliser.detector(new DetectorFacts(id,
                        Bundle.read(detector.get(0), GetDetectorResponse::builder), filters(bundle, context, id, arn,
                        single), administrator(bundle, context, id, arn, single), members(bundle, context, id, arn,
                        single)), account, region));
            }
            findings(bundle, context, id, arn, single);
        }
    }

    private static List<GetFilterResponse> filters(Bundle bundle, CollectionContext context, String id, String arn,
            boolean single) {
        List<JsonNode> pages = BundleReader.perResource(bundle, context, "guardduty", "ListFilters", "DetectorId", id,
                arn, o -> false, single);
        if (pages == null) {
            return null;
        }
        List<String> names = BundleReader.flatten(pages, p -> Bundle.read(p, ListFiltersResponse::builder),
                ListFiltersResponse::filterNames);
        List<GetFilterResponse> filters = new ArrayList<>();
        List<JsonNode> outputs = Bundle.forResource(bundle.outputs("guardduty", "GetFilter", context.region()),
                "DetectorId", id, o -> false, single);
        for (String name : names) {
            outputs.stream().map(o -> Bundle.read(o, GetFilterResponse::builder)).filter(f -> name.equals(f.name()))
                    .findFirst().ifPresentOrElse(filters::add, () -> context.gap("GetFilter",
                            "NotInBundle: the import has no \"guardduty:GetFilter@" + context.region()
                                    + "\" output for filter " + name, arn + "/filter/" + name));
        }
        filters.sort(java.util.Comparator.comparing(f -> f.rank() == null ? Integer.MAX_VALUE : f.rank()));
        return filters;
    }

    private static software.amazon.awssdk.services.guardduty.model.Administrator administrator(Bundle bundle,
            CollectionContext context, String id, String arn, boolean single) {
        List<JsonNode> out = BundleReader.perResource(bundle, context, "guardduty", "GetAdministratorAccount",
                "DetectorId", id, arn, o -> false, single);
        return out == null ? null : Bundle.read(out.get(0), GetAdministratorAccountResponse::builder).administrator();
    }

    private static List<Member> members(Bundle bundle, CollectionContext context, String id, String arn,
            boolean single) {
        List<JsonNode> pages = BundleReader.perResource(bundle, context, "guardduty", "ListMembers", "DetectorId", id,
                arn, o -> BundleReader.anyNames(o.path("Members"), "DetectorId", id), single);
        return pages == null ? null : BundleReader.flatten(pages, p -> Bundle.read(p, ListMembersResponse::builder),
                ListMembersResponse::members);
    }

    /** A GetFindings output names its detector in each finding's Service.DetectorId. */
    private static boolean namesDetector(JsonNode output, String id) {
        for (JsonNode finding : output.path("Findings")) {
            JsonNode service = finding.has("Service") ? finding.get("Service") : finding.path("service");
            JsonNode detector = service.has("DetectorId") ? service.get("DetectorId") : service.path("detectorId");
            if (id.equals(detector.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void findings(Bundle bundle, CollectionContext context, String id, String arn, boolean single) {
        List<JsonNode> listed = BundleReader.perResource(bundle, context, "guardduty", "ListFindings", "DetectorId",
                id, arn, o -> false, single);
        if (listed == null || BundleReader.flatten(listed, p -> Bundle.read(p,
                software.amazon.awssdk.services.guardduty.model.ListFindingsResponse::builder),
                software.amazon.awssdk.services.guardduty.model.ListFindingsResponse::findingIds).isEmpty()) {
            return;
        }
        List<JsonNode> pages = BundleReader.perResource(bundle, context, "guardduty", "GetFindings", "DetectorId", id,
                arn, o -> namesDetector(o, id), single);
        if (pages == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Finding f : BundleReader.flatten(pages, p -> Bundle.read(p, GetFindingsResponse::builder),
                GetFindingsResponse::findings)) {
            boolean archived = f.service() != null && Boolean.TRUE.equals(f.service().archived());
            if (!archived && seen.add(f.id())) {
                context.add(GuardDutyNormaliser.finding(f, context.accountId(), context.region()));
            }
        }
    }
}
