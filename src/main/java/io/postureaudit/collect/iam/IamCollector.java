package io.postureaudit.collect.iam;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.ServiceCollector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * IAM, once per account: users, groups, roles and managed policies from every page of
 * GetAccountAuthorizationDetails, enriched with the credential report (passwords, MFA, access keys, root).
 */
@ApplicationScoped
public class IamCollector implements ServiceCollector {

    private final CredentialReportReader credentialReports;

    public IamCollector(CredentialReportReader credentialReports) {
        this.credentialReports = credentialReports;
    }

    @Override
    public String service() {
        return "iam";
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.GLOBAL;
    }

    @Override
    public void collect(CollectionContext context) {
        IamClient iam = context.aws().iam();
        IamNormaliser normaliser = new IamNormaliser(context);
        List<Map<String, Object>> users = new ArrayList<>();
        boolean complete = readAuthorizationDetails(iam, context, normaliser, users);
        CredentialReport report = credentialReports.read(iam, context);
        for (Map<String, Object> user : users) {
            String arn = (String) user.get("arn");
            Map<String, Object> observed = new LinkedHashMap<>();
            if (report != null) {
                report.user(arn).ifPresent(row -> {
                    user.put("credentials", row.credentials());
                    observed.putAll(row.usage());
                });
            }
            context.add(new CollectedResource(arn, ResourceTypes.IAM_USER, context.accountId(),
                    ResourceTypes.GLOBAL_REGION, (String) user.get("userName"), user, observed));
        }
        if (complete || report != null) {
            context.add(accountResource(context, report));
        }
    }

    private boolean readAuthorizationDetails(IamClient iam, CollectionContext context, IamNormaliser normaliser,
            List<Map<String, Object>> users) {
        try {
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(1000))) {
                for (UserDetail user : page.userDetailList()) {
                    users.add(normaliser.user(user));
                }
                for (GroupDetail group : page.groupDetailList()) {
                    context.add(normaliser.group(group));
                }
                for (RoleDetail role : page.roleDetailList()) {
                    context.add(normaliser.role(role));
                }
                for (ManagedPolicyDetail policy : page.policies()) {
                    context.add(normaliser.policy(policy));
                }
            }
            return true;
        } catch (SdkException e) {
            context.gap("GetAccountAuthorizationDetails", e);
            return false;
        }
    }

    private static CollectedResource accountResource(CollectionContext context, CredentialReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", context.accountId());
        data.put("accountName", context.account().name());
        Map<String, Object> observed = new LinkedHashMap<>();
        if (report != null) {
            report.root().ifPresent(row -> {
                data.put("root", row.credentials());
                observed.put("root", row.usage());
            });
        }
        return new CollectedResource("arn:aws:iam::" + context.accountId() + ":root", ResourceTypes.IAM_ACCOUNT,
                context.accountId(), ResourceTypes.GLOBAL_REGION, context.account().name(), data, observed);
    }
}
