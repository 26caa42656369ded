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
 * GetAccountAuthorizationDetails, enriched with the credential report (passwords, MFA, access keys, root),
 * service last accessed per user and role, and the account's own facts (password policy, summary, MFA devices,
 * identity providers).
 */
@ApplicationScoped
public class IamCollector implements ServiceCollector {

    private final CredentialReportReader credentialReports;
    private final ServiceLastAccessed serviceLastAccessed;

    public IamCollector(CredentialReportReader credentialReports, ServiceLastAccessed serviceLastAccessed) {
        this.credentialReports = credentialReports;
        this.serviceLastAccessed = serviceLastAccessed;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> noisyFields() {
        return IamNormaliser.NOISY_FIELDS;
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
        List<CollectedResource> roles = new ArrayList<>();
        boolean complete = readAuthorizationDetails(iam, context, normaliser, users, roles);
        List<String> principals = new ArrayList<>();
        users.forEach(u -> principals.add((String) u.get("arn")));
        roles.forEach(r -> principals.add(r.arn()));
        Map<String, List<Map<String, Object>>> lastAccessed = serviceLastAccessed.read(iam, principals, context);
        roles.forEach(r -> context.add(IamNormaliser.withLastAccessed(r, lastAccessed)));
        CredentialReport report = credentialReports.read(iam, context);
        users.forEach(user -> context.add(normaliser.finishUser(user, report, lastAccessed)));
        if (complete || report != null) {
            context.add(normaliser.account(report, IamAccountFacts.read(iam, context)));
        }
    }

    private boolean readAuthorizationDetails(IamClient iam, CollectionContext context, IamNormaliser normaliser,
            List<Map<String, Object>> users, List<CollectedResource> roles) {
        try {
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(1000))) {
                for (UserDetail user : page.userDetailList()) {
                    users.add(normaliser.user(user));
                }
                for (GroupDetail group : page.groupDetailList()) {
                    context.add(normaliser.group(group));
                }
                for (RoleDetail role : page.roleDetailList()) {
                    roles.add(normaliser.role(role));
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
}
