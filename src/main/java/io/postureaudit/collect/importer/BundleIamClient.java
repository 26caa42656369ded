package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersResponse;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersRequest;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersResponse;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * {@code iam:*} outputs as an {@link IamClient}. The credential report is "generated" at once when the bundle
 * has one; {@code {"PasswordPolicy": null}} stands for the CLI's NoSuchEntity; a service-last-accessed "job" is
 * complete at once with the outputs whose {@code @request.Arn} names the principal.
 */
final class BundleIamClient extends BundleClient implements IamClient {

    static final Set<String> OPERATIONS = Set.of("iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport",
            "iam:GetAccountPasswordPolicy", "iam:GetAccountSummary", "iam:ListVirtualMFADevices",
            "iam:ListSAMLProviders", "iam:ListServerCertificates", "iam:ListOpenIDConnectProviders",
            "iam:GetOpenIDConnectProvider", "iam:GetServiceLastAccessedDetails", "iam:ListOrganizationsFeatures");
    private static final BundleCalls.Key PROVIDER = BundleCalls.Key.of("OpenIDConnectProviderArn", null)
            .listedBy("ListOpenIDConnectProviders", "Arn");
    private static final BundleCalls.Key PRINCIPAL = BundleCalls.Key.of("Arn", null);
    private static final String JOB = "@job:";

    BundleIamClient(Bundle bundle) {
        super(bundle, "iam", null, SERVICE_NAME);
    }

    /** Whether the bundle holds service-last-accessed data at all; without it the import reads none. */
    boolean hasServiceLastAccessed() {
        return calls.has("GetServiceLastAccessedDetails");
    }

    @Override
    public GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(
            GetAccountAuthorizationDetailsRequest request) {
        return calls.answer("GetAccountAuthorizationDetails", request, GetAccountAuthorizationDetailsResponse::builder);
    }

    @Override
    public GenerateCredentialReportResponse generateCredentialReport(GenerateCredentialReportRequest request) {
        if (!calls.has("GetCredentialReport")) {
            throw calls.notInBundle("GetCredentialReport", null);
        }
        return GenerateCredentialReportResponse.builder().state(ReportStateType.COMPLETE).build();
    }

    @Override
    public GetCredentialReportResponse getCredentialReport(GetCredentialReportRequest request) {
        return calls.answer("GetCredentialReport", request, GetCredentialReportResponse::builder);
    }

    @Override
    public GetAccountPasswordPolicyResponse getAccountPasswordPolicy(GetAccountPasswordPolicyRequest request) {
        GetAccountPasswordPolicyResponse answer = calls.answer("GetAccountPasswordPolicy", request,
                GetAccountPasswordPolicyResponse::builder);
        if (answer.passwordPolicy() == null) {
            throw NoSuchEntityException.builder().statusCode(404)
                    .message("The account has no password policy.")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchEntity").serviceName("IAM").build())
                    .build();
        }
        return answer;
    }

    @Override
    public GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest request) {
        return calls.answer("GetAccountSummary", request, GetAccountSummaryResponse::builder);
    }

    @Override
    public ListVirtualMfaDevicesResponse listVirtualMFADevices(ListVirtualMfaDevicesRequest request) {
        return calls.answer("ListVirtualMFADevices", request, ListVirtualMfaDevicesResponse::builder);
    }

    @Override
    public ListServerCertificatesResponse listServerCertificates(ListServerCertificatesRequest request) {
        return calls.answer("ListServerCertificates", request, ListServerCertificatesResponse::builder);
    }

    @Override
    public ListSamlProvidersResponse listSAMLProviders(ListSamlProvidersRequest request) {
        return calls.answer("ListSAMLProviders", request, ListSamlProvidersResponse::builder);
    }

    @Override
    public ListOpenIdConnectProvidersResponse listOpenIDConnectProviders(ListOpenIdConnectProvidersRequest request) {
        return calls.answer("ListOpenIDConnectProviders", request, ListOpenIdConnectProvidersResponse::builder);
    }

    @Override
    public GetOpenIdConnectProviderResponse getOpenIDConnectProvider(GetOpenIdConnectProviderRequest request) {
        return calls.answer("GetOpenIDConnectProvider", request, GetOpenIdConnectProviderResponse::builder, PROVIDER);
    }

    /** A member account's output is the CLI's refusal, {@code {"@error": {"Code": …}}}: a fact, not a gap. */
    @Override
    public ListOrganizationsFeaturesResponse listOrganizationsFeatures(ListOrganizationsFeaturesRequest request) {
        return calls.answer("ListOrganizationsFeatures", request, ListOrganizationsFeaturesResponse::builder);
    }

    @Override
    public GenerateServiceLastAccessedDetailsResponse generateServiceLastAccessedDetails(
            GenerateServiceLastAccessedDetailsRequest request) {
        calls.mine("GetServiceLastAccessedDetails", request, PRINCIPAL);
        return GenerateServiceLastAccessedDetailsResponse.builder().jobId(JOB + request.arn()).build();
    }

    /** The outputs for the job's principal, page by page, COMPLETED unless the output says otherwise. */
    @Override
    public GetServiceLastAccessedDetailsResponse getServiceLastAccessedDetails(
            GetServiceLastAccessedDetailsRequest request) {
        String arn = request.jobId().startsWith(JOB) ? request.jobId().substring(JOB.length()) : request.jobId();
        GenerateServiceLastAccessedDetailsRequest job = GenerateServiceLastAccessedDetailsRequest.builder().arn(arn)
                .build();
        List<JsonNode> pages = calls.mine("GetServiceLastAccessedDetails", job, PRINCIPAL).stream().map(o -> {
            ObjectNode page = o.deepCopy();
            if (!page.has("JobStatus") && !page.has("jobStatus")) {
                page.put("JobStatus", "COMPLETED");
            }
            return (JsonNode) page;
        }).toList();
        return calls.page("GetServiceLastAccessedDetails", request, pages,
                GetServiceLastAccessedDetailsResponse::builder);
    }
}
