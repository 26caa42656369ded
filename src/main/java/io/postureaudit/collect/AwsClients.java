package io.postureaudit.collect;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The SDK clients a collector reads one account with. Live scans get real clients ({@link AwsSession}); offline
 * imports get clients that answer from a bundle of AWS CLI outputs. Either way the collector's call sequence is
 * the same code.
 */
public interface AwsClients {

    IamClient iam();

    KmsClient kms(String region);

    GuardDutyClient guardDuty(String region);

    Wafv2Client wafv2(String region);

    SsoAdminClient ssoAdmin(String region);

    IdentitystoreClient identityStore(String region);

    /** CloudTrail's event history, read to attribute changes (never by a collector). */
    CloudTrailClient cloudTrail(String region);
}
