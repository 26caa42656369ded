package io.postureaudit.collect.waf;

import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.Calls;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.Fanout;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.WafInvalidParameterException;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/**
 * WAFv2: REGIONAL web ACLs, rule groups and IP sets in every scanned region, and the CLOUDFRONT ones in us-east-1
 * (where AWS keeps them) even when us-east-1 is not among the account's regions: CloudFront is global. WAFv2 has no SDK paginators, so the NextMarker loops are here.
 */
@ApplicationScoped
public class WafCollector implements ServiceCollector {

    /** Where CloudFront's web ACLs live. */
    public static final String CLOUDFRONT_REGION = "us-east-1";

    /** Resource types a REGIONAL web ACL can protect; ListResourcesForWebACL answers one type per call. */
    public static final List<String> REGIONAL_RESOURCE_TYPES = List.of("APPLICATION_LOAD_BALANCER", "API_GATEWAY",
            "APPSYNC", "COGNITO_USER_POOL", "APP_RUNNER_SERVICE", "VERIFIED_ACCESS_INSTANCE");

    private final int concurrency;

    @Inject
    public WafCollector(PostureConfig config) {
        this(config.aws().maxConcurrency());
    }

    public WafCollector(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> noisyFields() {
        return WafNormaliser.NOISY_FIELDS;
    }

    @Override
    public String service() {
        return "waf";
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public List<String> regions(AccountTarget account) {
        if (account.regions().contains(CLOUDFRONT_REGION)) {
            return account.regions();
        }
        List<String> regions = new java.util.ArrayList<>(account.regions());
        regions.add(CLOUDFRONT_REGION);
        return regions;
    }

    @Override
    public void collect(CollectionContext context) {
        Wafv2Client waf = context.aws().wafv2(context.region());
        boolean regionalHere = context.account().regions().contains(context.region());
        List<String> scopes = !CLOUDFRONT_REGION.equals(context.region()) ? List.of("REGIONAL")
                : regionalHere ? List.of("REGIONAL", "CLOUDFRONT") : List.of("CLOUDFRONT");
        for (String scope : scopes) {
            webAcls(waf, scope, context);
            ruleGroups(waf, scope, context);
            ipSets(waf, scope, context);
        }
    }

    /** Follows NextMarker until AWS stops sending one. */
    static <R, T> List<T> pages(Function<String, R> call, Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String marker = null;
        do {
            R page = call.apply(marker);
            all.addAll(items.apply(page));
            marker = next.apply(page);
        } while (marker != null && !marker.isEmpty());
        return all;
    }

    private void webAcls(Wafv2Client waf, String scope, CollectionContext context) {
        List<WebACLSummary> acls = Calls.scope(context, "ListWebACLs", () -> pages(
                m -> waf.listWebACLs(r -> r.scope(scope).limit(100).nextMarker(m)),
                r -> r.webACLs(), r -> r.nextMarker())).orElse(null);
        if (acls == null) {
            return;
        }
        Fanout.each(acls, concurrency, summary -> webAcl(waf, scope, summary, context));
    }

    private void webAcl(Wafv2Client waf, String scope, WebACLSummary summary, CollectionContext context) {
        var acl = Calls.resource(context, "GetWebACL", summary.arn(),
                () -> waf.getWebACL(r -> r.name(summary.name()).id(summary.id()).scope(scope)).webACL()).orElse(null);
        if (acl == null) {
            return;
        }
        LoggingConfiguration logging = null;
        boolean loggingRead = true;
        try {
            logging = waf.getLoggingConfiguration(r -> r.resourceArn(summary.arn())).loggingConfiguration();
        } catch (WafNonexistentItemException e) {
            logging = null; // no logging configured: a fact for rules, not a gap
        } catch (SdkException e) {
            loggingRead = false;
            context.gap("GetLoggingConfiguration", AwsErrors.describe(e), summary.arn());
        }
        List<String> associated = scope.equals("REGIONAL") ? associations(waf, summary.arn(), context) : null;
        context.add(WafNormaliser.webAcl(new WebAclFacts(scope, acl, logging, loggingRead, associated),
                context.accountId(), context.region()));
    }

    /**
     * Resources protected by a REGIONAL ACL, one call per resource type. A type the region does not offer (App
     * Runner or Verified Access are not everywhere) answers WAFInvalidParameterException: nothing to protect there,
     * not a gap. Any other failure leaves the list unknown (null) with a gap.
     */
    private static List<String> associations(Wafv2Client waf, String aclArn, CollectionContext context) {
        List<String> associated = new ArrayList<>();
        for (String type : REGIONAL_RESOURCE_TYPES) {
            try {
                associated.addAll(waf.listResourcesForWebACL(r -> r.webACLArn(aclArn).resourceType(type))
                        .resourceArns());
            } catch (WafInvalidParameterException e) {
                continue;
            } catch (SdkException e) {
                context.gap("ListResourcesForWebACL", AwsErrors.describe(e), aclArn);
                return null;
            }
        }
        return associated;
    }

    private void ruleGroups(Wafv2Client waf, String scope, CollectionContext context) {
        var groups = Calls.scope(context, "ListRuleGroups", () -> pages(
                m -> waf.listRuleGroups(r -> r.scope(scope).limit(100).nextMarker(m)),
                r -> r.ruleGroups(), r -> r.nextMarker())).orElse(List.of());
        Fanout.each(groups, concurrency, g -> Calls.resource(context, "GetRuleGroup", g.arn(),
                () -> waf.getRuleGroup(r -> r.name(g.name()).id(g.id()).scope(scope)).ruleGroup())
                .ifPresent(group -> context.add(WafNormaliser.ruleGroup(scope, group, context.accountId(),
                        context.region()))));
    }

    private void ipSets(Wafv2Client waf, String scope, CollectionContext context) {
        var sets = Calls.scope(context, "ListIPSets", () -> pages(
                m -> waf.listIPSets(r -> r.scope(scope).limit(100).nextMarker(m)),
                r -> r.ipSets(), r -> r.nextMarker())).orElse(List.of());
        Fanout.each(sets, concurrency, s -> Calls.resource(context, "GetIPSet", s.arn(),
                () -> waf.getIPSet(r -> r.name(s.name()).id(s.id()).scope(scope)).ipSet())
                .ifPresent(set -> context.add(WafNormaliser.ipSet(scope, set, context.accountId(),
                        context.region()))));
    }
}
