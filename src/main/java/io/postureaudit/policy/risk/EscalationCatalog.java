package io.postureaudit.policy.risk;

import io.postureaudit.policy.risk.EscalationMethod.Requirement;
import java.util.List;

/**
 * The privilege-escalation methods the analyser looks for. A target of {@code *} marks an action without resource
 * types, which only {@code "Resource": "*"} can grant. Documented with their required actions in
 * docs/policy-engine.md; a test checks every action here exists in the action catalogue.
 */
public final class EscalationCatalog {

    static final String RHINO = "Rhino Security Labs, AWS IAM privilege escalation methods (2018)";
    static final String RHINO_LATER = "Rhino Security Labs, later additions (CodeStar, SageMaker, Lambda layers)";
    static final String COMMUNITY = "Well-known follow-on methods (pass a role to a compute service or reach an "
            + "instance's role)";
    static final String IDENTITY_CENTER = "IAM Identity Center permission-set and assignment abuse";

    private static final String USER = "arn:aws:iam::{account}:user/*";
    private static final String ROLE = "arn:aws:iam::{account}:role/*";
    private static final String GROUP = "arn:aws:iam::{account}:group/*";
    private static final String POLICY = "arn:aws:iam::{account}:policy/*";
    private static final String INSTANCE = "arn:aws:ec2:*:{account}:instance/*";
    private static final String FUNCTION = "arn:aws:lambda:*:{account}:function:*";
    private static final String SSO = "arn:aws:sso:::*";

    private static final List<EscalationMethod> METHODS = List.of(
            m("iam-create-policy-version", "Create a new default version of a managed policy", RHINO,
                    r("iam:CreatePolicyVersion", POLICY)),
            m("iam-set-default-policy-version", "Switch a managed policy to a more permissive old version", RHINO,
                    r("iam:SetDefaultPolicyVersion", POLICY)),
            m("ec2-run-instances-pass-role", "Launch an EC2 instance with a privileged instance profile", RHINO,
                    r("iam:PassRole", ROLE), r("ec2:RunInstances", INSTANCE)),
            m("iam-create-access-key", "Create an access key for another user", RHINO,
                    r("iam:CreateAccessKey", USER)),
            m("iam-create-login-profile", "Give another user a console password", RHINO,
                    r("iam:CreateLoginProfile", USER)),
            m("iam-update-login-profile", "Change another user's console password", RHINO,
                    r("iam:UpdateLoginProfile", USER)),
            m("iam-attach-user-policy", "Attach any managed policy to a user", RHINO,
                    r("iam:AttachUserPolicy", USER)),
            m("iam-attach-group-policy", "Attach any managed policy to a group", RHINO,
                    r("iam:AttachGroupPolicy", GROUP)),
            m("iam-attach-role-policy", "Attach any managed policy to a role and assume it", RHINO,
                    r("iam:AttachRolePolicy", ROLE), r("sts:AssumeRole", ROLE)),
            m("iam-put-user-policy", "Write an inline policy on a user", RHINO,
                    r("iam:PutUserPolicy", USER)),
            m("iam-put-group-policy", "Write an inline policy on a group", RHINO,
                    r("iam:PutGroupPolicy", GROUP)),
            m("iam-put-role-policy", "Write an inline policy on a role and assume it", RHINO,
                    r("iam:PutRolePolicy", ROLE), r("sts:AssumeRole", ROLE)),
            m("iam-add-user-to-group", "Add a user to a more privileged group", RHINO,
                    r("iam:AddUserToGroup", GROUP)),
            m("iam-update-assume-role-policy", "Rewrite a role's trust policy and assume it", RHINO,
                    r("iam:UpdateAssumeRolePolicy", ROLE), r("sts:AssumeRole", ROLE)),
            m("lambda-create-invoke-pass-role", "Create and invoke a Lambda function with a privileged role", RHINO,
                    r("iam:PassRole", ROLE), r("lambda:CreateFunction", FUNCTION),
                    r("lambda:InvokeFunction", FUNCTION)),
            m("lambda-create-event-source-pass-role",
                    "Create a Lambda function with a privileged role triggered by an event source", RHINO,
                    r("iam:PassRole", ROLE), r("lambda:CreateFunction", FUNCTION),
                    r("lambda:CreateEventSourceMapping", "*")),
            m("lambda-update-function-code", "Replace the code of a function that runs with a privileged role",
                    RHINO, r("lambda:UpdateFunctionCode", FUNCTION)),
            m("glue-create-dev-endpoint-pass-role", "Create a Glue development endpoint with a privileged role",
                    RHINO, r("iam:PassRole", ROLE), r("glue:CreateDevEndpoint", "*")),
            m("glue-update-dev-endpoint", "Add an SSH key to an existing Glue development endpoint", RHINO,
                    r("glue:UpdateDevEndpoint", "arn:aws:glue:*")),
            m("cloudformation-create-stack-pass-role", "Create a CloudFormation stack that runs as a privileged role",
                    RHINO, r("iam:PassRole", ROLE), r("cloudformation:CreateStack", "arn:aws:cloudformation:*")),
            m("datapipeline-pass-role", "Create a Data Pipeline that runs commands as a privileged role", RHINO,
                    r("iam:PassRole", ROLE), r("datapipeline:CreatePipeline", "*"),
                    r("datapipeline:PutPipelineDefinition", "arn:aws:datapipeline:*")),
            m("codestar-create-project-pass-role", "Create a CodeStar project with a privileged service role",
                    RHINO_LATER, r("iam:PassRole", ROLE), r("codestar:CreateProject", "*")),
            m("codestar-associate-team-member", "Create a CodeStar project and make oneself its owner", RHINO_LATER,
                    r("codestar:CreateProject", "*"),
                    r("codestar:AssociateTeamMember", "arn:aws:codestar:*")),
            m("lambda-update-function-configuration", "Attach a malicious layer to a function with a privileged role",
                    RHINO_LATER, r("lambda:UpdateFunctionConfiguration", FUNCTION)),
            m("sagemaker-create-notebook-pass-role", "Create a SageMaker notebook with a privileged role and open it",
                    RHINO_LATER, r("iam:PassRole", ROLE),
                    r("sagemaker:CreateNotebookInstance", "arn:aws:sagemaker:*"),
                    r("sagemaker:CreatePresignedNotebookInstanceUrl", "arn:aws:sagemaker:*")),
            m("sagemaker-presigned-notebook-url", "Open an existing SageMaker notebook and use its role", RHINO_LATER,
                    r("sagemaker:CreatePresignedNotebookInstanceUrl", "arn:aws:sagemaker:*")),
            m("glue-create-job-pass-role", "Create and run a Glue job with a privileged role", COMMUNITY,
                    r("iam:PassRole", ROLE), r("glue:CreateJob", "arn:aws:glue:*"),
                    r("glue:StartJobRun", "arn:aws:glue:*")),
            m("glue-update-job-pass-role", "Point an existing Glue job at a privileged role and run it", COMMUNITY,
                    r("iam:PassRole", ROLE), r("glue:UpdateJob", "arn:aws:glue:*"),
                    r("glue:StartJobRun", "arn:aws:glue:*")),
            m("codebuild-create-project-pass-role", "Create and start a CodeBuild project with a privileged role",
                    COMMUNITY, r("iam:PassRole", ROLE), r("codebuild:CreateProject", "arn:aws:codebuild:*"),
                    r("codebuild:StartBuild", "arn:aws:codebuild:*")),
            m("ecs-run-task-pass-role", "Register and run an ECS task with a privileged task role", COMMUNITY,
                    r("iam:PassRole", ROLE), r("ecs:RegisterTaskDefinition", "arn:aws:ecs:*"), r("ecs:RunTask", "arn:aws:ecs:*")),
            m("ec2-spot-instances-pass-role", "Request spot instances with a privileged instance profile", COMMUNITY,
                    r("iam:PassRole", ROLE), r("ec2:RequestSpotInstances", "arn:aws:ec2:*")),
            m("cloudformation-update-stack-pass-role", "Update a stack so it runs changes as a privileged role",
                    COMMUNITY, r("iam:PassRole", ROLE), r("cloudformation:UpdateStack", "arn:aws:cloudformation:*")),
            m("ssm-send-command", "Run commands on an instance and use its role", COMMUNITY,
                    r("ssm:SendCommand", INSTANCE)),
            m("ssm-start-session", "Open a shell on an instance and use its role", COMMUNITY,
                    r("ssm:StartSession", INSTANCE)),
            m("ec2-instance-connect-send-ssh-key", "Push an SSH key to an instance and use its role", COMMUNITY,
                    r("ec2-instance-connect:SendSSHPublicKey", INSTANCE)),
            m("sso-put-inline-policy-provision", "Write an inline policy into a permission set and provision it",
                    IDENTITY_CENTER, r("sso:PutInlinePolicyToPermissionSet", SSO),
                    r("sso:ProvisionPermissionSet", SSO)),
            m("sso-attach-managed-policy-provision", "Attach a managed policy to a permission set and provision it",
                    IDENTITY_CENTER, r("sso:AttachManagedPolicyToPermissionSet", SSO),
                    r("sso:ProvisionPermissionSet", SSO)),
            m("sso-attach-customer-managed-policy-provision",
                    "Attach a customer managed policy reference to a permission set and provision it",
                    IDENTITY_CENTER, r("sso:AttachCustomerManagedPolicyReferenceToPermissionSet", SSO),
                    r("sso:ProvisionPermissionSet", SSO)),
            m("sso-create-permission-set-and-assign", "Create a permission set with any policy and assign it",
                    IDENTITY_CENTER, r("sso:CreatePermissionSet", SSO), r("sso:PutInlinePolicyToPermissionSet", SSO),
                    r("sso:CreateAccountAssignment", SSO)),
            m("sso-create-account-assignment", "Assign an existing privileged permission set to oneself",
                    IDENTITY_CENTER, r("sso:CreateAccountAssignment", SSO)),
            m("identitystore-create-group-membership", "Join an Identity Center group that holds privileged "
                    + "assignments", IDENTITY_CENTER, r("identitystore:CreateGroupMembership",
                    "arn:aws:identitystore:*")));

    private EscalationCatalog() {
    }

    public static List<EscalationMethod> methods() {
        return METHODS;
    }

    private static EscalationMethod m(String id, String title, String source, Requirement... requirements) {
        return new EscalationMethod(id, title, source, List.of(requirements));
    }

    private static Requirement r(String action, String target) {
        return new Requirement(action, target);
    }
}
