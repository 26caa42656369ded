package io.postureaudit.collect.cloudtrail;

/**
 * Who made a change, as CloudTrail recorded it.
 *
 * @param principal the caller's ARN (for a role session the assumed-role ARN, e.g.
 *                  {@code arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/aiko@example.com})
 * @param userName  the person or user: the IAM user name, the Identity Center user name taken from an
 *                  {@code AWSReservedSSO_} role session, else the session or role name
 * @param event     the API call, e.g. {@code PutRolePolicy}
 * @param time      when it was made (ISO-8601)
 * @param userAgent tells a console edit ({@code AWS Internal}, a browser) from a Terraform run ({@code Terraform/1.9.8 …})
 */
public record Actor(String principal, String userName, String event, String time, String sourceIp,
        String userAgent) {
}
