package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.DescribeOrganizationConfigurationRequest;
import software.amazon.awssdk.services.guardduty.model.DescribeOrganizationConfigurationResponse;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.GetAdministratorAccountRequest;
import software.amazon.awssdk.services.guardduty.model.GetAdministratorAccountResponse;
import software.amazon.awssdk.services.guardduty.model.GetDetectorRequest;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.GetFilterRequest;
import software.amazon.awssdk.services.guardduty.model.GetFilterResponse;
import software.amazon.awssdk.services.guardduty.model.GetFindingsRequest;
import software.amazon.awssdk.services.guardduty.model.GetFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsRequest;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsResponse;
import software.amazon.awssdk.services.guardduty.model.ListFiltersRequest;
import software.amazon.awssdk.services.guardduty.model.ListFiltersResponse;
import software.amazon.awssdk.services.guardduty.model.ListFindingsRequest;
import software.amazon.awssdk.services.guardduty.model.ListFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.ListMembersRequest;
import software.amazon.awssdk.services.guardduty.model.ListMembersResponse;
import software.amazon.awssdk.services.guardduty.model.ListOrganizationAdminAccountsRequest;
import software.amazon.awssdk.services.guardduty.model.ListOrganizationAdminAccountsResponse;

/**
 * {@code guardduty:*@region} outputs as a {@link GuardDutyClient}. Per-detector outputs carry
 * {@code @request.DetectorId} unless the region has one detector; GetFindings outputs name their detector in each
 * finding. ListFindings honours the one criterion collectors send, {@code service.archived}, against the findings
 * the bundle holds. The organisation calls answer outside the management or delegated administrator account with
 * the CLI's refusal, recorded as {@code {"@error": {"Code": "BadRequestException", …}}}.
 */
final class BundleGuardDutyClient extends BundleClient implements GuardDutyClient {

    static final Set<String> OPERATIONS = Set.of("guardduty:ListDetectors", "guardduty:GetDetector",
            "guardduty:ListFilters", "guardduty:GetFilter", "guardduty:GetAdministratorAccount",
            "guardduty:ListMembers", "guardduty:ListFindings", "guardduty:GetFindings",
            "guardduty:ListOrganizationAdminAccounts", "guardduty:DescribeOrganizationConfiguration");
    /** Outputs name their detector by {@code @request} only (a member's DetectorId is the member's own). */
    private static final BundleCalls.Key DETECTOR = BundleCalls.Key.of("DetectorId", null)
            .listedBy("ListDetectors", "DetectorIds");
    /** Each finding names the detector that produced it. */
    private static final BundleCalls.Key FINDING_DETECTOR = BundleCalls.Key.of("DetectorId", "DetectorId")
            .listedBy("ListDetectors", "DetectorIds");
    private static final BundleCalls.Key FILTER = BundleCalls.Key.of("FilterName", "Name");

    BundleGuardDutyClient(Bundle bundle, String region) {
        super(bundle, "guardduty", region, SERVICE_NAME);
    }

    @Override
    public ListDetectorsResponse listDetectors(ListDetectorsRequest request) {
        return calls.answer("ListDetectors", request, ListDetectorsResponse::builder);
    }

    @Override
    public GetDetectorResponse getDetector(GetDetectorRequest request) {
        return calls.answer("GetDetector", request, GetDetectorResponse::builder, DETECTOR);
    }

    @Override
    public ListFiltersResponse listFilters(ListFiltersRequest request) {
        return calls.answer("ListFilters", request, ListFiltersResponse::builder, DETECTOR);
    }

    @Override
    public GetFilterResponse getFilter(GetFilterRequest request) {
        return calls.answer("GetFilter", request, GetFilterResponse::builder, DETECTOR, FILTER);
    }

    @Override
    public GetAdministratorAccountResponse getAdministratorAccount(GetAdministratorAccountRequest request) {
        return calls.answer("GetAdministratorAccount", request, GetAdministratorAccountResponse::builder,
                DETECTOR);
    }

    @Override
    public ListMembersResponse listMembers(ListMembersRequest request) {
        return calls.answer("ListMembers", request, ListMembersResponse::builder, DETECTOR);
    }

    @Override
    public ListOrganizationAdminAccountsResponse listOrganizationAdminAccounts(
            ListOrganizationAdminAccountsRequest request) {
        return calls.answer("ListOrganizationAdminAccounts", request, ListOrganizationAdminAccountsResponse::builder);
    }

    @Override
    public DescribeOrganizationConfigurationResponse describeOrganizationConfiguration(
            DescribeOrganizationConfigurationRequest request) {
        return calls.answer("DescribeOrganizationConfiguration", request,
                DescribeOrganizationConfigurationResponse::builder, DETECTOR);
    }

    @Override
    public ListFindingsResponse listFindings(ListFindingsRequest request) {
        ListFindingsResponse page = calls.answer("ListFindings", request, ListFindingsResponse::builder,
                DETECTOR);
        Condition archived = request.findingCriteria() == null ? null
                : request.findingCriteria().criterion().get("service.archived");
        if (archived == null || archived.equalsValue().isEmpty()) {
            return page;
        }
        Map<String, Finding> known = findings(request.detectorId());
        return page.toBuilder().findingIds(page.findingIds().stream().filter(id -> {
            Finding f = known.get(id);
            boolean isArchived = f != null && f.service() != null && Boolean.TRUE.equals(f.service().archived());
            return archived.equalsValue().contains(String.valueOf(isArchived));
        }).toList()).build();
    }

    /** The asked findings, in the asked order; ids the bundle has no finding for are a gap for the batch. */
    @Override
    public GetFindingsResponse getFindings(GetFindingsRequest request) {
        if (!calls.has("GetFindings")) {
            throw calls.notInBundle("GetFindings", request.detectorId());
        }
        Map<String, Finding> known = findings(request.detectorId());
        List<Finding> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : request.findingIds()) {
            if (known.containsKey(id)) {
                found.add(known.get(id));
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw calls.notInBundle("GetFindings", request.detectorId() + " finding " + String.join(", ", missing));
        }
        return GetFindingsResponse.builder().findings(found).build();
    }

    private Map<String, Finding> findings(String detectorId) {
        Map<String, Finding> byId = new LinkedHashMap<>();
        GetFindingsRequest forDetector = GetFindingsRequest.builder().detectorId(detectorId).build();
        for (JsonNode output : calls.optional("GetFindings", forDetector, FINDING_DETECTOR)) {
            calls.read("GetFindings", output, GetFindingsResponse::builder).findings()
                    .forEach(f -> byId.putIfAbsent(f.id(), f));
        }
        return byId;
    }
}
