package io.postureaudit.policy.risk;

import java.util.List;
import java.util.Set;

/**
 * The action lists behind the data-exfiltration, credentials-exposure and infrastructure-modification categories.
 * Documented in docs/policy-engine.md; a test checks every action exists in the catalogue.
 */
public final class ActionLists {

    /** Reads that hand out stored data or secrets; risky when granted on every resource. */
    public static final List<String> EXFILTRATION = List.of(
            "s3:GetObject", "s3:GetObjectVersion", "ssm:GetParameter", "ssm:GetParameters",
            "ssm:GetParametersByPath", "secretsmanager:GetSecretValue", "kms:Decrypt", "dynamodb:Scan",
            "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "ec2:GetPasswordData",
            "lambda:GetFunction", "rds:DownloadDBLogFilePortion", "ecr:BatchGetImage", "kinesis:GetRecords",
            "sqs:ReceiveMessage", "logs:GetLogEvents", "ec2:CreateSnapshot", "ec2:ModifySnapshotAttribute");

    /** Actions that mint, reset or reveal credentials. */
    public static final List<String> CREDENTIALS = List.of(
            "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
            "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential", "iam:UploadSSHPublicKey",
            "sts:GetFederationToken", "redshift:GetClusterCredentials", "rds-db:connect",
            "ecr:GetAuthorizationToken", "cognito-identity:GetCredentialsForIdentity",
            "lightsail:GetInstanceAccessDetails", "ec2-instance-connect:SendSSHPublicKey", "ec2:GetPasswordData");

    /** Changes to infrastructure or to the controls that watch it. */
    public static final List<String> INFRASTRUCTURE = List.of(
            "ec2:RunInstances", "ec2:TerminateInstances", "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateRoute",
            "ec2:DeleteVpc", "ec2:ModifyInstanceAttribute", "cloudformation:CreateStack", "cloudformation:DeleteStack",
            "rds:DeleteDBInstance", "rds:ModifyDBInstance", "route53:ChangeResourceRecordSets", "s3:DeleteBucket",
            "ecs:UpdateService", "eks:UpdateClusterConfig", "elasticloadbalancing:DeleteLoadBalancer",
            "autoscaling:UpdateAutoScalingGroup", "dynamodb:DeleteTable", "kms:ScheduleKeyDeletion",
            "ec2:DeleteSnapshot", "wafv2:DeleteWebACL", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
            "guardduty:DeleteDetector", "config:StopConfigurationRecorder");

    /**
     * Services whose permissions-management actions are escalation or admin rather than exposure of a resource
     * (they are judged by the escalation methods and admin checks).
     */
    public static final Set<String> IDENTITY_SERVICES = Set.of("iam", "sso", "sso-directory", "identitystore",
            "organizations", "sts", "account");

    /** Read access that together means "can read all data": objects, tables and parameters anywhere. */
    public static final List<String> ALL_DATA = List.of("s3:GetObject", "dynamodb:Scan", "ssm:GetParameter");

    private ActionLists() {
    }
}
