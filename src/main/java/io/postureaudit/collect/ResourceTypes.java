package io.postureaudit.collect;

import java.util.List;

/** The contract's resource type names, and the service scope each belongs to. */
public final class ResourceTypes {

    public static final String IAM_ACCOUNT = "iam.account";
    public static final String IAM_USER = "iam.user";
    public static final String IAM_GROUP = "iam.group";
    public static final String IAM_ROLE = "iam.role";
    public static final String IAM_POLICY = "iam.policy";
    public static final String IDC_INSTANCE = "identitycenter.instance";
    public static final String IDC_PERMISSION_SET = "identitycenter.permission-set";
    public static final String IDC_ASSIGNMENT = "identitycenter.assignment";
    public static final String IDC_USER = "identitycenter.user";
    public static final String IDC_GROUP = "identitycenter.group";
    public static final String WAF_WEB_ACL = "waf.web-acl";
    public static final String WAF_RULE_GROUP = "waf.rule-group";
    public static final String WAF_IP_SET = "waf.ip-set";
    public static final String GUARDDUTY_DETECTOR = "guardduty.detector";
    public static final String GUARDDUTY_FINDING = "guardduty.finding";
    public static final String KMS_KEY = "kms.key";

    public static final List<String> ALL = List.of(IAM_ACCOUNT, IAM_USER, IAM_GROUP, IAM_ROLE, IAM_POLICY,
            IDC_INSTANCE, IDC_PERMISSION_SET, IDC_ASSIGNMENT, IDC_USER, IDC_GROUP, WAF_WEB_ACL, WAF_RULE_GROUP,
            WAF_IP_SET, GUARDDUTY_DETECTOR, GUARDDUTY_FINDING, KMS_KEY);

    /** Region recorded for global services such as IAM. */
    public static final String GLOBAL_REGION = "global";

    private ResourceTypes() {
    }

    /** {@code iam.role} → {@code iam}; the service part names the coverage scope a gap applies to. */
    public static String service(String type) {
        int dot = type.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("resource type must look like 'service.kind', found '" + type + "'");
        }
        return type.substring(0, dot);
    }
}
