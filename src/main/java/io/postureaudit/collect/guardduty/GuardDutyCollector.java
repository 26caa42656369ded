package io.postureaudit.collect.guardduty;

import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.Fanout;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.GetFilterResponse;

/**
 * GuardDuty per region: detectors with features, filters, administrator and members, the organisation's view
 * (delegated administrator, organisation configuration; see {@link GuardDutyOrganization}), and the findings that
 * are not archived. No detector is a fact ({@code enabled: false}), not an error.
 */
@ApplicationScoped
public class GuardDutyCollector implements ServiceCollector {

    /** GetFindings accepts at most 50 ids per call. */
    static final int FINDINGS_BATCH = 50;

    /** Only findings a person still has to look at. */
    static final FindingCriteria NOT_ARCHIVED = FindingCriteria.builder()
            .criterion(Map.of("service.archived", Condition.builder().equalsValue("false").build())).build();

    private final int concurrency;

    @Inject
    public GuardDutyCollector(PostureConfig config) {
        this(config.aws().maxConcurrency());
    }

    public GuardDutyCollector(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> noisyFields() {
        return GuardDutyNormaliser.NOISY_FIELDS;
    }

    @Override
    public String service() {
        return "guardduty";
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void collect(CollectionContext context) {
        GuardDutyClient gd = context.aws().guardDuty(context.region());
        List<String> detectorIds = Calls.scope(context, "ListDetectors",
                () -> gd.listDetectorsPaginator(r -> r.maxResults(50)).detectorIds().stream().toList()).orElse(null);
        if (detectorIds == null) {
            return;
        }
        Map<String, Object> organizationAdmin = GuardDutyOrganization.admins(gd, context).orElse(null);
        if (detectorIds.isEmpty()) {
            context.add(GuardDutyNormaliser.absent(context.accountId(), context.region(), organizationAdmin));
            return;
        }
        for (String id : detectorIds) {
            detector(gd, id, context, organizationAdmin);
            findings(gd, id, context);
        }
    }

    private void detector(GuardDutyClient gd, String id, CollectionContext context,
            Map<String, Object> organizationAdmin) {
        String arn = GuardDutyNormaliser.detectorArn(context.region(), context.accountId(), id);
        var detector = Calls.resource(context, "GetDetector", arn, () -> gd.getDetector(r -> r.detectorId(id)))
                .orElse(null);
        if (detector == null) {
            return;
        }
        List<GetFilterResponse> filters = Calls.resource(context, "ListFilters", arn,
                () -> gd.listFiltersPaginator(r -> r.detectorId(id).maxResults(50)).filterNames().stream().toList())
                .map(names -> filters(gd, id, arn, names, context)).orElse(null);
        var administrator = Calls.resource(context, "GetAdministratorAccount", arn,
                () -> gd.getAdministratorAccount(r -> r.detectorId(id))).orElse(null);
        var members = Calls.resource(context, "ListMembers", arn,
                () -> gd.listMembersPaginator(r -> r.detectorId(id).maxResults(50)).members().stream().toList())
                .orElse(null);
        var configuration = GuardDutyOrganization.configuration(gd, id, arn, context).orElse(null);
        context.add(GuardDutyNormaliser.detector(new DetectorFacts(id, detector, filters,
                administrator == null ? null : administrator.administrator(), administrator != null, members,
                organizationAdmin, configuration), context.accountId(), context.region()));
    }

    private List<GetFilterResponse> filters(GuardDutyClient gd, String id, String arn, List<String> names,
            CollectionContext context) {
        List<GetFilterResponse> filters = java.util.Collections.synchronizedList(new ArrayList<>());
        Fanout.each(names, concurrency, name -> Calls.resource(context, "GetFilter", arn + "/filter/" + name,
                () -> gd.getFilter(r -> r.detectorId(id).filterName(name))).ifPresent(filters::add));
        // Keep AWS's evaluation order whatever order the parallel reads finished in.
        filters.sort(java.util.Comparator.comparing(f -> f.rank() == null ? Integer.MAX_VALUE : f.rank()));
        return filters;
    }

    private void findings(GuardDutyClient gd, String id, CollectionContext context) {
        List<String> ids;
        try {
            ids = gd.listFindingsPaginator(r -> r.detectorId(id).findingCriteria(NOT_ARCHIVED).maxResults(50))
                    .findingIds().stream().toList();
        } catch (SdkException e) {
            context.gap("ListFindings", AwsErrors.describe(e),
                    GuardDutyNormaliser.detectorArn(context.region(), context.accountId(), id));
            return;
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += FINDINGS_BATCH) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + FINDINGS_BATCH)));
        }
        Fanout.each(batches, concurrency, batch -> Calls.resource(context, "GetFindings",
                GuardDutyNormaliser.detectorArn(context.region(), context.accountId(), id),
                () -> gd.getFindings(r -> r.detectorId(id).findingIds(batch)).findings())
                .ifPresent(found -> found.forEach(f -> context.add(
                        GuardDutyNormaliser.finding(f, context.accountId(), context.region())))));
    }
}
