#!/usr/bin/env python3
"""Writes the sample estate (samples/*.json) in the offline import format (docs/import-format.md).

Three accounts (dev, staging, prod), Tokyo first and us-east-1 for CloudFront WAF, each with planted weaknesses
so that a newcomer sees findings across IAM, Identity Center, WAF, GuardDuty and KMS. Run from the repository
root: python3 samples/tools/generate_samples.py
"""
import base64
import json
import os

TOKYO, VIRGINIA = "ap-northeast-1", "us-east-1"
REGIONS = [TOKYO, VIRGINIA]
ACCOUNTS = {"dev": "314159265358", "staging": "271828182845", "prod": "161803398874"}
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HDR = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
       "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
       "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
       "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
       "cert_1_last_rotated,cert_2_active,cert_2_last_rotated")


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **extra):
    s = {"Effect": "Allow", "Action": action, "Resource": resource}
    s.update(extra)
    return s


def trust(principal, condition=None, action="sts:AssumeRole"):
    s = {"Effect": "Allow", "Principal": principal, "Action": action}
    if condition:
        s["Condition"] = condition
    return doc(s)


def user(acct, name, groups=(), attached=(), inline=None):
    u = {"Path": "/", "UserName": name, "UserId": "AIDA" + name.upper().replace("-", "")[:12].ljust(12, "X") + "EXAMPLE",
         "Arn": f"arn:aws:iam::{acct}:user/{name}", "CreateDate": "2023-04-10T02:15:00+00:00",
         "GroupList": list(groups), "AttachedManagedPolicies": [{"PolicyName": a.split("/")[-1], "PolicyArn": a}
                                                                for a in attached],
         "UserPolicyList": [], "Tags": []}
    if inline:
        u["UserPolicyList"] = [{"PolicyName": k, "PolicyDocument": v} for k, v in inline.items()]
    return u


def role(acct, name, trust_doc, attached=(), last_used=None, path="/"):
    r = {"Path": path, "RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:12].ljust(12, "X") + "EXAMPLE",
         "Arn": f"arn:aws:iam::{acct}:role{path}{name}", "CreateDate": "2023-05-01T00:00:00+00:00",
         "AssumeRolePolicyDocument": trust_doc, "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [{"PolicyName": a.split("/")[-1], "PolicyArn": a} for a in attached],
         "Tags": [], "RoleLastUsed": {}}
    if last_used:
        r["RoleLastUsed"] = {"LastUsedDate": last_used, "Region": TOKYO}
    return r


def policy(acct, name, document, attachments=1):
    arn = f"arn:aws:iam::{acct}:policy/{name}"
    return {"PolicyName": name, "PolicyId": "ANPA" + name.upper().replace("-", "")[:12].ljust(12, "X") + "EXAMPLE",
            "Arn": arn, "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": attachments,
            "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": "2023-06-01T00:00:00+00:00",
            "UpdateDate": "2024-02-01T00:00:00+00:00",
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": "2024-02-01T00:00:00+00:00"}]}


def aws_policy(name, document):
    arn = f"arn:aws:iam::aws:policy/{name}"
    return {"PolicyName": name, "PolicyId": "ANPAAWS" + name.upper()[:10], "Arn": arn, "Path": "/",
            "DefaultVersionId": "v1", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
            "CreateDate": "2015-02-06T18:39:46+00:00", "UpdateDate": "2015-02-06T18:39:46+00:00",
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": "2015-02-06T18:39:46+00:00"}]}


def report(acct, rows):
    lines = [HDR]
    for r in rows:
        lines.append(",".join(r))
    content = base64.b64encode(("\n".join(lines) + "\n").encode()).decode()
    return {"Content": content, "ReportFormat": "text/csv", "GeneratedTime": "2026-11-27T00:00:00+00:00"}


def cred_row(acct, name, password, mfa, key1=None, key1_used=None):
    n = "N/A"
    return [name, f"arn:aws:iam::{acct}:user/{name}", "2023-04-10T02:15:00+00:00",
            "true" if password else "false", "2026-11-20T09:00:00+00:00" if password else n,
            "2023-04-10T02:20:00+00:00" if password else n, n, "true" if mfa else "false",
            "true" if key1 else "false", key1 or n, key1_used or n, TOKYO if key1_used else n,
            "s3" if key1_used else n, "false", n, n, n, n, "false", n, "false", n]


def root_row(acct, mfa):
    return ["<root_account>", f"arn:aws:iam::{acct}:root", "2022-01-05T00:00:00+00:00", "not_supported",
            "2025-03-01T00:00:00+00:00", "not_supported", "not_supported", "true" if mfa else "false", "false", "N/A",
            "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]


ADMIN = aws_policy("AdministratorAccess", doc(allow("*")))
READONLY = aws_policy("ReadOnlyAccess", doc(allow(["s3:Get*", "s3:List*", "ec2:Describe*", "iam:Get*", "iam:List*"])))


def iam(name, acct):
    b = {}
    users, roles, groups, policies, rows = [], [], [], [ADMIN, READONLY], [root_row(acct, name != "staging")]
    groups.append({"Path": "/", "GroupName": "developers", "GroupId": "AGPADEVELOPERSEXAMPLE",
                   "Arn": f"arn:aws:iam::{acct}:group/developers", "CreateDate": "2023-04-01T00:00:00+00:00",
                   "GroupPolicyList": [], "AttachedManagedPolicies": [
                       {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})
    users.append(user(acct, "ci-deployer", attached=[f"arn:aws:iam::{acct}:policy/deploy-app"]))
    rows.append(cred_row(acct, "ci-deployer", False, False, "2024-01-15T03:00:00+00:00", "2026-11-26T22:10:00+00:00"))
    policies.append(policy(acct, "deploy-app", doc(allow(["s3:PutObject", "s3:GetObject"],
                                                          f"arn:aws:s3:::{name}-artifacts/*"))))
    roles.append(role(acct, "AWSServiceRoleForAmazonGuardDuty",
                      trust({"Service": "guardduty.amazonaws.com"}), path="/aws-service-role/guardduty.amazonaws.com/",
                      last_used="2026-11-26T23:00:00+00:00"))
    roles.append(role(acct, "app-runtime", trust({"Service": "ecs-tasks.amazonaws.com"}),
                      attached=[f"arn:aws:iam::{acct}:policy/deploy-app"], last_used="2026-11-26T23:55:00+00:00"))
    if name == "dev":
        users.append(user(acct, "kenji", groups=["developers"]))
        rows.append(cred_row(acct, "kenji", True, False))  # console password, no MFA
        users.append(user(acct, "mika", groups=["developers"]))
        rows.append(cred_row(acct, "mika", True, True))
        policies.append(policy(acct, "dev-admin-all", doc(allow("*:*"))))  # customer policy granting *:*
        users[-1]["AttachedManagedPolicies"].append({"PolicyName": "dev-admin-all",
                                                     "PolicyArn": f"arn:aws:iam::{acct}:policy/dev-admin-all"})
        roles.append(role(acct, "ext-audit", trust({"AWS": "*"})))  # anyone may assume it
        roles.append(role(acct, "github-deploy", trust(
            {"Federated": f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"},
            {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}},
            "sts:AssumeRoleWithWebIdentity"), attached=["arn:aws:iam::aws:policy/AdministratorAccess"]))
    if name == "staging":
        # An operations role that may become any role trusting the account (inline, so easy to miss).
        roles.append(role(acct, "ops-hop", trust({"AWS": f"arn:aws:iam::{acct}:root"})))
        roles[-1]["RolePolicyList"] = [{"PolicyName": "hop-anywhere", "PolicyDocument": doc(allow("sts:AssumeRole"))}]
    if name == "prod":
        # The platform lead keeps a break-glass administrator user, protected by a phone app only.
        users.append(user(acct, "haruto", attached=["arn:aws:iam::aws:policy/AdministratorAccess"]))
        rows.append(cred_row(acct, "haruto", True, True))
        # SNS delivery-status logging role trusted by the service with no aws:SourceAccount (confused deputy).
        roles.append(role(acct, "sns-delivery-status", trust({"Service": "sns.amazonaws.com"})))
        roles.append(role(acct, "github-deploy", trust(
            {"Federated": f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"},
            {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
             "StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-shop/web:ref:refs/heads/main"}},
            "sts:AssumeRoleWithWebIdentity"), attached=[f"arn:aws:iam::{acct}:policy/deploy-app"]))
        roles.append(role(acct, "partner-billing", trust(
            {"AWS": "arn:aws:iam::999988887777:root"}, {"StringEquals": {"sts:ExternalId": "shop-billing-7731"}}),
            attached=["arn:aws:iam::aws:policy/ReadOnlyAccess"]))
    b["iam:GetAccountAuthorizationDetails"] = {"UserDetailList": users, "GroupDetailList": groups,
                                               "RoleDetailList": roles, "Policies": policies}
    b["iam:GetCredentialReport"] = report(acct, rows)
    if name == "dev":
        b["iam:GetAccountPasswordPolicy"] = {"PasswordPolicy": None}  # no password policy at all
    else:
        b["iam:GetAccountPasswordPolicy"] = {"PasswordPolicy": {
            "MinimumPasswordLength": 14 if name == "prod" else 8, "RequireSymbols": name == "prod",
            "RequireNumbers": True, "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
            "AllowUsersToChangePassword": True, "ExpirePasswords": False,
            "PasswordReusePrevention": 24 if name == "prod" else None, "HardExpiry": False}}
        if b["iam:GetAccountPasswordPolicy"]["PasswordPolicy"]["PasswordReusePrevention"] is None:
            del b["iam:GetAccountPasswordPolicy"]["PasswordPolicy"]["PasswordReusePrevention"]
    b["iam:GetAccountSummary"] = {"SummaryMap": {
        "AccountMFAEnabled": 0 if name == "staging" else 1, "AccountAccessKeysPresent": 0,
        "AccountSigningCertificatesPresent": 0, "Users": len(users), "Groups": len(groups), "Roles": len(roles),
        "Policies": len(policies) - 2, "MFADevices": 1, "MFADevicesInUse": 1, "Providers": 1}}
    b["iam:ListVirtualMFADevices"] = {"VirtualMFADevices": [
        {"SerialNumber": f"arn:aws:iam::{acct}:mfa/root-account-mfa-device", "EnableDate": "2022-01-05T01:00:00+00:00"}]}
    # mika (dev, holds dev-admin-all) and haruto (prod, AdministratorAccess) sign in with a phone app, not a key
    for mfa_user in {"dev": ["mika"], "prod": ["haruto"]}.get(name, []):
        b["iam:ListVirtualMFADevices"]["VirtualMFADevices"].append(
            {"SerialNumber": f"arn:aws:iam::{acct}:mfa/{mfa_user}", "EnableDate": "2024-02-01T01:00:00+00:00",
             "User": {"Path": "/", "UserName": mfa_user, "UserId": "AIDA" + mfa_user.upper().ljust(12, "X") + "EXAMPLE",
                      "Arn": f"arn:aws:iam::{acct}:user/{mfa_user}", "CreateDate": "2023-04-10T02:15:00+00:00"}})
    b["iam:ListSAMLProviders"] = {"SAMLProviderList": []}
    # prod still has the certificate of the old on-premises load balancer, expired in 2025.
    b["iam:ListServerCertificates"] = {"ServerCertificateMetadataList": [] if name != "prod" else [
        {"Path": "/", "ServerCertificateName": "shop-legacy-2024", "ServerCertificateId": "ASCAEXAMPLELEGACY2024",
         "Arn": f"arn:aws:iam::{acct}:server-certificate/shop-legacy-2024",
         "UploadDate": "2024-03-01T00:00:00+00:00", "Expiration": "2025-03-01T00:00:00+00:00"}]}
    if name in ("dev", "prod"):
        arn = f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"
        b["iam:ListOpenIDConnectProviders"] = {"OpenIDConnectProviderList": [{"Arn": arn}]}
        b["iam:GetOpenIDConnectProvider"] = [{"Url": "token.actions.githubusercontent.com",
                                              "ClientIDList": ["sts.amazonaws.com"],
                                              "ThumbprintList": ["6938fd4d98bab03faadb97b34396831e3780aea1"],
                                              "CreateDate": "2024-03-01T00:00:00+00:00", "Tags": [],
                                              "@request": {"OpenIDConnectProviderArn": arn}}]
    else:
        b["iam:ListOpenIDConnectProviders"] = {"OpenIDConnectProviderList": []}
    if name == "prod":
        # prod is the organisation's management account: root sessions are on, but member accounts still keep
        # their own root passwords (root credentials management was never enabled).
        b["iam:ListOrganizationsFeatures"] = {"OrganizationId": "o-exampleshop1", "EnabledFeatures": ["RootSessions"]}
    else:
        b["iam:ListOrganizationsFeatures"] = {"@error": {
            "Code": "AccountNotManagementOrDelegatedAdministratorException",
            "Message": "The request was rejected because the account making the request is not the management "
                       "account or delegated administrator account for centralized root access."}}
    return b


def key_policy(acct, public=False):
    statements = [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": f"arn:aws:iam::{acct}:root"}, "Action": "kms:*", "Resource": "*"}]
    if public:
        statements.append({"Sid": "Let everyone decrypt", "Effect": "Allow", "Principal": "*",
                           "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"})
    return json.dumps(doc(*statements))


def kms(name, acct, region):
    b = {}
    keys = []
    if region == TOKYO:
        keys.append(("0f1e2d3c-aaaa-4bbb-8ccc-" + acct, "alias/app-data", "CUSTOMER", "Enabled",
                     name != "prod", False))  # prod's key has rotation off
        keys.append(("1a2b3c4d-bbbb-4ccc-8ddd-" + acct, "alias/aws/s3", "AWS", "Enabled", True, False))
        if name == "staging":
            keys.append(("2b3c4d5e-cccc-4ddd-8eee-" + acct, "alias/legacy-reports", "CUSTOMER", "PendingDeletion",
                         False, False))
            # Replicated to us-east-1 "for DR": student records' key material leaves Tokyo.
            keys.append(("mrk-5e6f7a8b9c0d4e1f8a2b" + acct, "alias/exam-archive", "CUSTOMER", "Enabled", True, False))
            keys.append(("4d5e6f7a-eeee-4fff-8aaa-" + acct, "alias/old-exports", "CUSTOMER", "Disabled", False, False))
        if name == "dev":
            keys.append(("3c4d5e6f-dddd-4eee-8fff-" + acct, "alias/shared-dev", "CUSTOMER", "Enabled", True, True))
    b[f"kms:ListKeys@{region}"] = {"Keys": [{"KeyId": k[0], "KeyArn": f"arn:aws:kms:{region}:{acct}:key/{k[0]}"}
                                            for k in keys], "Truncated": False}
    b[f"kms:ListAliases@{region}"] = {"Aliases": [{"AliasName": k[1], "AliasArn": f"arn:aws:kms:{region}:{acct}:{k[1]}",
                                                   "TargetKeyId": k[0]} for k in keys], "Truncated": False}
    describe, rotation, policies, grants = [], [], [], []
    for key_id, alias, manager, state, rotated, public in keys:
        arn = f"arn:aws:kms:{region}:{acct}:key/{key_id}"
        m = {"AWSAccountId": acct, "KeyId": key_id, "Arn": arn, "CreationDate": "2024-05-01T09:00:00.000000+09:00",
             "Enabled": state == "Enabled", "Description": "Default key for S3" if manager == "AWS" else alias[6:],
             "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": state, "Origin": "AWS_KMS", "KeyManager": manager,
             "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
             "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": key_id.startswith("mrk-")}
        if key_id.startswith("mrk-"):
            m["MultiRegionConfiguration"] = {"MultiRegionKeyType": "PRIMARY",
                                             "PrimaryKey": {"Arn": arn, "Region": region},
                                             "ReplicaKeys": [{"Arn": arn.replace(region, VIRGINIA), "Region": VIRGINIA}]}
        if state == "PendingDeletion":
            m["DeletionDate"] = "2026-12-04T09:00:00+09:00"
            m["PendingDeletionWindowInDays"] = 7
        describe.append({"KeyMetadata": m})
        if state in ("Enabled", "Disabled"):  # AWS answers rotation status for both; PendingDeletion is refused
            r = {"KeyRotationEnabled": rotated, "KeyId": arn}
            if rotated:
                r["RotationPeriodInDays"] = 365
                r["NextRotationDate"] = "2027-05-01T09:00:00+09:00"
            rotation.append(r)
        policies.append({"Policy": key_policy(acct, public), "PolicyName": "default", "@request": {"KeyId": key_id}})
        g = []
        if alias == "alias/app-data":
            g.append({"KeyId": arn, "GrantId": "0c5e1f2a" + acct, "Name": "app-runtime",
                      "CreationDate": "2025-01-10T00:00:00+00:00",
                      "GranteePrincipal": f"arn:aws:iam::{acct}:role/app-runtime",
                      "IssuingAccount": f"arn:aws:iam::{acct}:root", "Operations": ["Decrypt", "GenerateDataKey"]})
        grants.append({"Grants": g, "Truncated": False, "@request": {"KeyId": key_id}})
    b[f"kms:DescribeKey@{region}"] = describe
    b[f"kms:GetKeyRotationStatus@{region}"] = rotation
    b[f"kms:GetKeyPolicy@{region}"] = policies
    b[f"kms:ListGrants@{region}"] = grants
    return b


GD_REFUSAL = {"@error": {"Code": "BadRequestException",
                         "Message": "The request failed because you do not have required AWS Organization master "
                                    "permission."}}


def guardduty(name, acct, region):
    b = {}
    # prod manages the organisation: it delegated GuardDuty to itself in Tokyo, and never in us-east-1. The other
    # accounts are refused both organisation calls, which is a fact about them, not a gap.
    if name == "prod":
        b[f"guardduty:ListOrganizationAdminAccounts@{region}"] = {"AdminAccounts": [
            {"AdminAccountId": acct, "AdminStatus": "ENABLED"}] if region == TOKYO else []}
    else:
        b[f"guardduty:ListOrganizationAdminAccounts@{region}"] = GD_REFUSAL
    if name == "dev" and region == VIRGINIA:
        b[f"guardduty:ListDetectors@{region}"] = {"DetectorIds": []}  # GuardDuty never enabled here
        return b
    det = ("a" + acct + region.replace("-", ""))[:32]
    b[f"guardduty:ListDetectors@{region}"] = {"DetectorIds": [det]}
    if name == "prod" and region == TOKYO:
        # New accounts get GuardDuty, but not EKS audit logs, Lambda or runtime monitoring.
        runtime = [{"Name": n, "AutoEnable": "NONE"}
                   for n in ("EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT")]
        b[f"guardduty:DescribeOrganizationConfiguration@{region}"] = {
            "AutoEnable": True, "MemberAccountLimitReached": False, "AutoEnableOrganizationMembers": "NEW",
            "Features": [{"Name": n, "AutoEnable": a, "AdditionalConfiguration": runtime if n == "RUNTIME_MONITORING"
                          else []}
                         for n, a in [("S3_DATA_EVENTS", "NEW"), ("EKS_AUDIT_LOGS", "NONE"),
                                      ("EBS_MALWARE_PROTECTION", "NEW"), ("RDS_LOGIN_EVENTS", "NEW"),
                                      ("LAMBDA_NETWORK_LOGS", "NONE"), ("RUNTIME_MONITORING", "NONE")]],
            "@request": {"DetectorId": det}}
    else:
        b[f"guardduty:DescribeOrganizationConfiguration@{region}"] = dict(GD_REFUSAL, **{"@request": {"DetectorId": det}})
    s3 = "DISABLED" if name == "staging" and region == TOKYO else "ENABLED"
    features = [{"Name": n, "Status": st, "UpdatedAt": "2025-06-01T00:00:00+00:00", "AdditionalConfiguration": []}
                for n, st in [("CLOUD_TRAIL", "ENABLED"), ("DNS_LOGS", "ENABLED"), ("FLOW_LOGS", "ENABLED"),
                              ("S3_DATA_EVENTS", s3), ("EKS_AUDIT_LOGS", "DISABLED"),
                              ("EBS_MALWARE_PROTECTION", "ENABLED" if name == "prod" else "DISABLED"),
                              ("RDS_LOGIN_EVENTS", "ENABLED" if name == "prod" else "DISABLED"),
                              ("LAMBDA_NETWORK_LOGS", "DISABLED"), ("RUNTIME_MONITORING", "DISABLED")]]
    b[f"guardduty:GetDetector@{region}"] = {
        "CreatedAt": "2024-03-01T00:00:00.000Z", "FindingPublishingFrequency": "SIX_HOURS",
        "ServiceRole": f"arn:aws:iam::{acct}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
        "Status": "ENABLED", "UpdatedAt": "2026-11-01T00:00:00.000Z", "Features": features, "Tags": {},
        "@request": {"DetectorId": det}}
    filters = []
    if name == "prod" and region == TOKYO:
        filters.append({"Name": "archive-high-noise", "Description": "Archive everything severe (meant as temporary)",
                        "Action": "ARCHIVE", "Rank": 1,
                        "FindingCriteria": {"Criterion": {"severity": {"GreaterThanOrEqual": 7}}}, "Tags": {}})
    b[f"guardduty:ListFilters@{region}"] = {"FilterNames": [f["Name"] for f in filters]}
    if filters:
        b[f"guardduty:GetFilter@{region}"] = filters
    b[f"guardduty:GetAdministratorAccount@{region}"] = {} if name == "prod" else {
        "Administrator": {"AccountId": ACCOUNTS["prod"], "InvitationId": "inv-" + acct,
                          "RelationshipStatus": "Enabled", "InvitedAt": "2024-03-02T00:00:00.000Z"}}
    members = [] if name != "prod" else [
        {"AccountId": ACCOUNTS[n], "DetectorId": ("a" + ACCOUNTS[n] + region.replace("-", ""))[:32],
         "AdministratorId": acct, "Email": f"aws-{n}@example-shop.jp", "RelationshipStatus": "Enabled",
         "InvitedAt": "2024-03-02T00:00:00.000Z", "UpdatedAt": "2024-03-02T00:10:00.000Z"}
        for n in ("dev", "staging") if not (n == "dev" and region == VIRGINIA)]
    b[f"guardduty:ListMembers@{region}"] = {"Members": members}
    findings = []
    if region == TOKYO:
        findings.append(finding(acct, region, det, "f1" + acct, "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
                                8.0, "AccessKey", {"AccessKeyDetails": {"AccessKeyId": "ASIAEXAMPLEEXFIL",
                                                                        "PrincipalId": "AROAAPPRUNTIMEEXAMPLE:i-0abc",
                                                                        "UserName": "app-runtime",
                                                                        "UserType": "AssumedRole"}}))
        findings.append(finding(acct, region, det, "f2" + acct, "Recon:EC2/PortProbeUnprotectedPort", 2.0, "Instance",
                                {"InstanceDetails": {"InstanceId": "i-0a1b2c3d4e5f", "InstanceType": "t3.small",
                                                     "AvailabilityZone": "ap-northeast-1a"}}))
    b[f"guardduty:ListFindings@{region}"] = {"FindingIds": [f["Id"] for f in findings]}
    if findings:
        b[f"guardduty:GetFindings@{region}"] = {"Findings": findings}
    return b


def finding(acct, region, det, fid, ftype, severity, rtype, details):
    resource = {"ResourceType": rtype}
    resource.update(details)
    return {"AccountId": acct, "Arn": f"arn:aws:guardduty:{region}:{acct}:detector/{det}/finding/{fid}",
            "Confidence": 8.0, "CreatedAt": "2026-11-25T03:12:45.000Z", "Description": ftype + " was observed.",
            "Id": fid, "Partition": "aws", "Region": region, "Resource": resource, "SchemaVersion": "2.0",
            "Service": {"Archived": False, "Count": 4, "DetectorId": det, "EventFirstSeen": "2026-11-25T03:00:00.000Z",
                        "EventLastSeen": "2026-11-26T21:40:00.000Z", "ServiceName": "guardduty"},
            "Severity": severity, "Title": ftype, "Type": ftype, "UpdatedAt": "2026-11-26T21:45:00.000Z"}


def visibility(metric):
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": metric}


def waf(name, acct, region):
    b = {}
    acls, logging, assoc = [], [], []
    if name == "prod" and region == TOKYO:
        aid = "5c1d2e3f-0000-4a1b-9c2d-3e4f5a6b7c8d"
        arn = f"arn:aws:wafv2:{region}:{acct}:regional/webacl/shop-web/{aid}"
        acls.append({"Name": "shop-web", "Id": aid, "ARN": arn, "Description": "Storefront ALB",
                     "DefaultAction": {"Allow": {}}, "Capacity": 1100, "ManagedByFirewallManager": False,
                     "LabelNamespace": f"awswaf:{acct}:webacl:shop-web:", "VisibilityConfig": visibility("shop-web"),
                     "Rules": [
                         {"Name": "AWS-AWSManagedRulesCommonRuleSet", "Priority": 0, "OverrideAction": {"Count": {}},
                          "Statement": {"ManagedRuleGroupStatement": {
                              "VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet", "Version": "Version_1.12",
                              "RuleActionOverrides": [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]}},
                          "VisibilityConfig": visibility("common")},
                         {"Name": "block-bad-bots", "Priority": 1, "Action": {"Count": {}},
                          "Statement": {"ByteMatchStatement": {
                              "SearchString": "YmFkYm90", "FieldToMatch": {"SingleHeader": {"Name": "user-agent"}},
                              "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
                              "PositionalConstraint": "CONTAINS"}},
                          "VisibilityConfig": visibility("bad-bots")},
                         {"Name": "office-only-admin", "Priority": 2, "Action": {"Block": {}},
                          "Statement": {"NotStatement": {"Statement": {"IPSetReferenceStatement": {
                              "ARN": f"arn:aws:wafv2:{region}:{acct}:regional/ipset/office/7d8e9f00-0000-4a1b-9c2d-3e4f5a6b7c8d"}}}},
                          "VisibilityConfig": visibility("office-only")}]})
        assoc.append({"ResourceArns": [f"arn:aws:elasticloadbalancing:{region}:{acct}:loadbalancer/app/shop-web/5e6f7a8b9c0d1e2f"],
                      "@request": {"WebACLArn": arn, "ResourceType": "APPLICATION_LOAD_BALANCER"}})
    if name == "prod" and region == VIRGINIA:
        aid = "9a8b7c6d-0000-4a1b-9c2d-3e4f5a6b7c8d"
        arn = f"arn:aws:wafv2:us-east-1:{acct}:global/webacl/cdn-edge/{aid}"
        acls.append({"Name": "cdn-edge", "Id": aid, "ARN": arn, "Description": "CloudFront distribution",
                     "DefaultAction": {"Allow": {}}, "Capacity": 800, "ManagedByFirewallManager": False,
                     "VisibilityConfig": visibility("cdn-edge"), "Rules": [
                         {"Name": "rate-limit", "Priority": 0, "Action": {"Block": {}},
                          "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP",
                                                               "EvaluationWindowSec": 300}},
                          "VisibilityConfig": visibility("rate")},
                         {"Name": "AWS-AWSManagedRulesKnownBadInputsRuleSet", "Priority": 1,
                          "OverrideAction": {"None": {}},
                          "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS",
                                                                      "Name": "AWSManagedRulesKnownBadInputsRuleSet"}},
                          "VisibilityConfig": visibility("bad-inputs")}]})
        logging.append({"LoggingConfiguration": {"ResourceArn": arn, "LogDestinationConfigs": [
            f"arn:aws:logs:us-east-1:{acct}:log-group:aws-waf-logs-cdn-edge"],
            "RedactedFields": [{"SingleHeader": {"Name": "authorization"}}, {"SingleHeader": {"Name": "cookie"}}],
            "ManagedByFirewallManager": False}})
    b[f"wafv2:ListWebACLs@{region}"] = {"WebACLs": [{"Name": a["Name"], "Id": a["Id"], "ARN": a["ARN"],
                                                      "Description": a["Description"], "LockToken": "3f1c0a2b"}
                                                     for a in acls]}
    if acls:
        b[f"wafv2:GetWebACL@{region}"] = [{"WebACL": a, "LockToken": "3f1c0a2b"} for a in acls]
    b[f"wafv2:ListLoggingConfigurations@{region}"] = {"LoggingConfigurations": [l["LoggingConfiguration"]
                                                                                 for l in logging]}
    b[f"wafv2:ListResourcesForWebACL@{region}"] = assoc
    sets = []
    if name == "prod" and region == TOKYO:
        sets.append({"Name": "office", "Id": "7d8e9f00-0000-4a1b-9c2d-3e4f5a6b7c8d",
                     "ARN": f"arn:aws:wafv2:{region}:{acct}:regional/ipset/office/7d8e9f00-0000-4a1b-9c2d-3e4f5a6b7c8d",
                     "Description": "Office egress", "IPAddressVersion": "IPV4",
                     "Addresses": ["203.0.113.0/28", "198.51.100.20/32"]})
    b[f"wafv2:ListIPSets@{region}"] = {"IPSets": [{"Name": s["Name"], "Id": s["Id"], "ARN": s["ARN"],
                                                   "Description": s["Description"], "LockToken": "77aa"} for s in sets]}
    if sets:
        b[f"wafv2:GetIPSet@{region}"] = [{"IPSet": s, "LockToken": "77aa"} for s in sets]
    b[f"wafv2:ListRuleGroups@{region}"] = {"RuleGroups": []}
    return b


def identity_center(name, acct, region):
    b = {}
    if not (name == "prod" and region == TOKYO):
        b[f"sso-admin:ListInstances@{region}"] = {"Instances": []}
        return b
    instance = "arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6"
    store = "d-95671a2b3c"
    b[f"sso-admin:ListInstances@{region}"] = {"Instances": [{
        "InstanceArn": instance, "IdentityStoreId": store, "OwnerAccountId": acct, "Name": "example-shop",
        "CreatedDate": "2024-02-01T00:00:00+00:00", "Status": "ACTIVE"}]}
    people = [("u-1111-aiko", "aiko.tanaka@example-shop.jp", "Aiko", "Tanaka"),
              ("u-2222-ren", "ren.suzuki@example-shop.jp", "Ren", "Suzuki"),
              ("u-3333-yui", "yui.kato@example-shop.jp", "Yui", "Kato")]
    b[f"identitystore:ListUsers@{region}"] = {"Users": [{
        "UserName": u, "UserId": i, "Name": {"FamilyName": f, "GivenName": g}, "DisplayName": f"{g} {f}",
        "Emails": [{"Value": u, "Type": "work", "Primary": True}], "IdentityStoreId": store} for i, u, g, f in people]}
    groups = [("g-aaaa-platform", "platform", ["u-1111-aiko", "u-2222-ren"]),
              ("g-bbbb-developers", "developers", ["u-2222-ren", "u-3333-yui"])]
    b[f"identitystore:ListGroups@{region}"] = {"Groups": [{"GroupId": g, "DisplayName": n,
                                                           "Description": n + " team", "IdentityStoreId": store}
                                                          for g, n, _ in groups]}
    b[f"identitystore:ListGroupMemberships@{region}"] = [{"GroupMemberships": [
        {"IdentityStoreId": store, "MembershipId": f"m-{g}-{u}", "GroupId": g, "MemberId": {"UserId": u}}
        for u in members], "@request": {"IdentityStoreId": store, "GroupId": g}} for g, _, members in groups]
    sets = [("ps-0a1b2c3d4e5f6a7b", "AdministratorAccess", "PT12H", ["AdministratorAccess"], None,
             [("prod", "USER", "u-1111-aiko"), ("dev", "GROUP", "g-aaaa-platform")]),
            ("ps-1b2c3d4e5f6a7b8c", "Developer", "PT4H", ["PowerUserAccess"],
             doc({"Effect": "Deny", "Action": ["iam:*", "organizations:*"], "Resource": "*"}),
             [("dev", "GROUP", "g-bbbb-developers"), ("staging", "GROUP", "g-bbbb-developers")]),
            ("ps-2c3d4e5f6a7b8c9d", "ReadOnly", "PT1H", ["ReadOnlyAccess"], None,
             [("prod", "GROUP", "g-bbbb-developers")])]
    arn_of = lambda ps: f"arn:aws:sso:::permissionSet/ssoins-7758a1b2c3d4e5f6/{ps}"
    b[f"sso-admin:ListPermissionSets@{region}"] = {"PermissionSets": [arn_of(s[0]) for s in sets],
                                                   "@request": {"InstanceArn": instance}}
    b[f"sso-admin:DescribePermissionSet@{region}"] = [{"PermissionSet": {
        "Name": n, "PermissionSetArn": arn_of(p), "Description": n + " access",
        "CreatedDate": "2024-02-02T00:00:00+00:00", "SessionDuration": d,
        **({"RelayState": "https://ap-northeast-1.console.aws.amazon.com/"} if n == "Developer" else {})}}
        for p, n, d, _, _, _ in sets]
    req = lambda p: {"InstanceArn": instance, "PermissionSetArn": arn_of(p)}
    b[f"sso-admin:ListManagedPoliciesInPermissionSet@{region}"] = [{"AttachedManagedPolicies": [
        {"Name": m, "Arn": f"arn:aws:iam::aws:policy/{m}"} for m in ms], "@request": req(p)}
        for p, _, _, ms, _, _ in sets]
    b[f"sso-admin:ListCustomerManagedPolicyReferencesInPermissionSet@{region}"] = [
        {"CustomerManagedPolicyReferences": [], "@request": req(p)} for p, *_ in sets]
    b[f"sso-admin:GetInlinePolicyForPermissionSet@{region}"] = [
        {"InlinePolicy": json.dumps(inline) if inline else "", "@request": req(p)} for p, _, _, _, inline, _ in sets]
    b[f"sso-admin:GetPermissionsBoundaryForPermissionSet@{region}"] = []  # no set has a boundary
    b[f"sso-admin:ListAccountsForProvisionedPermissionSet@{region}"] = [
        {"AccountIds": sorted({ACCOUNTS[a] for a, _, _ in assigns}), "@request": req(p)}
        for p, _, _, _, _, assigns in sets]
    b[f"sso-admin:ListTagsForResource@{region}"] = [{"Tags": [{"Key": "owner", "Value": "platform"}],
                                                     "@request": {"InstanceArn": instance, "ResourceArn": arn_of(p)}}
                                                    for p, *_ in sets]
    b[f"sso-admin:ListAccountAssignments@{region}"] = [{"AccountAssignments": [
        {"AccountId": ACCOUNTS[a], "PermissionSetArn": arn_of(p), "PrincipalType": t, "PrincipalId": i}],
        "@request": {"InstanceArn": instance, "AccountId": ACCOUNTS[a], "PermissionSetArn": arn_of(p)}}
        for p, _, _, _, _, assigns in sets for a, t, i in assigns]
    return b


def main():
    manifest = []
    for name, acct in ACCOUNTS.items():
        bundle = iam(name, acct)
        for region in REGIONS:
            for part in (kms, guardduty, waf, identity_center):
                bundle.update(part(name, acct, region))
        file = f"{name}-{acct}.json"
        with open(os.path.join(OUT, file), "w") as f:
            json.dump(bundle, f, indent=1, sort_keys=False)
            f.write("\n")
        manifest.append({"accountId": acct, "name": name, "file": file})
    with open(os.path.join(OUT, "estate.json"), "w") as f:
        json.dump({"description": "Sample estate of a fictional online shop: planted weaknesses across IAM, "
                                  "Identity Center, WAF, GuardDuty and KMS. Not real accounts.",
                   "accounts": manifest}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
