package io.postureaudit.policy.eval;

import io.postureaudit.policy.catalog.Wildcards;

/** ARN helpers: field access and the segment-wise matching that ArnEquals/ArnLike use. */
public final class Arns {

    private Arns() {
    }

    /** The account field of an ARN, or null when the text is no ARN or has none (S3 buckets). */
    public static String account(String arn) {
        String[] parts = split(arn);
        return parts == null || parts[4].isEmpty() ? null : parts[4];
    }

    /** The service field of an ARN, or null. */
    public static String service(String arn) {
        String[] parts = split(arn);
        return parts == null ? null : parts[2];
    }

    /** The six colon-separated fields; the last keeps any further colons. Null for anything else. */
    public static String[] split(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts : null;
    }

    /**
     * ArnLike/ArnEquals: each of the six fields must match separately, so a wildcard never spans a colon of the
     * first five fields.
     */
    public static boolean like(String pattern, String arn) {
        String[] p = split(pattern);
        String[] a = split(arn);
        if (p == null || a == null) {
            return "*".equals(pattern);
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcards.matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
