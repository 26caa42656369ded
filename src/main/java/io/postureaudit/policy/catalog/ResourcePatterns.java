package io.postureaudit.policy.catalog;

/**
 * The Resource element's wildcard rules as the IAM User Guide states them ("IAM JSON policy elements: Resource",
 * "Using wildcards in resource ARNs"): {@code *} and {@code ?} work within one colon-separated segment, except that a
 * {@code *} which is the last character of a segment may expand beyond the colon boundaries. Patterns are compiled
 * to token arrays; matching a literal ARN and asking whether a pattern can name some ARN of a format are both the
 * emptiness test of two token automata run side by side.
 */
public final class ResourcePatterns {

    // Token values >= 0 are literal characters.
    private static final int ONE = -1;       // ? : one character other than a colon
    private static final int SEGMENT = -2;   // * inside a segment, or a name: any run without a colon
    private static final int ANY = -3;       // * at the end of a segment, or a trailing qualifier: any run
    private static final int BUCKET = -4;    // an S3 bucket name: any run without a colon or a slash

    private ResourcePatterns() {
    }

    /** A policy Resource pattern as AWS reads it. */
    public static int[] policy(String pattern) {
        int[] out = new int[pattern.length()];
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                boolean segmentEnd = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
                out[i] = segmentEnd ? ANY : SEGMENT;
            } else {
                out[i] = c == '?' ? ONE : c;
            }
        }
        return out;
    }

    /**
     * A description of real ARNs: an ARN format of the Service Authorization Reference ({@code ${LogGroupName}}) or
     * a probe such as {@code arn:aws:iam::*:user/*}, where each variable or {@code *} stands for one name or id and
     * holds no colon: the formats spell out every colon their ARNs have (Lambda's versions and aliases, log streams
     * under log groups are types of their own). Free text is the exception: S3 object keys ({@code ${ObjectName}})
     * and paths ({@code ${ApiSpecificResourcePath}}, not IAM's {@code ...WithPath}, whose names hold no colon) may
     * hold anything. An S3 {@code ${BucketName}} holds neither colon nor slash (S3 User Guide, "Bucket naming
     * rules"), so {@code arn:aws:s3:::reports/*} names objects, never the bucket.
     */
    public static int[] template(String format) {
        int[] raw = new int[format.length()];
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '$' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
                int close = format.indexOf('}', i);
                if (close > 0) {
                    raw[n++] = variable(format.substring(i + 2, close));
                    i = close;
                    continue;
                }
            }
            raw[n++] = c == '*' ? SEGMENT : c;
        }
        return java.util.Arrays.copyOf(raw, n);
    }

    private static int variable(String name) {
        if ("BucketName".equals(name)) {
            return BUCKET;
        }
        boolean freeText = "ObjectName".equals(name) || name.endsWith("Path") && !name.endsWith("WithPath");
        return freeText ? ANY : SEGMENT;
    }

    /** Does the policy pattern match this literal ARN? */
    public static boolean matches(int[] pattern, String arn) {
        int[] literal = new int[arn.length()];
        for (int i = 0; i < arn.length(); i++) {
            literal[i] = arn.charAt(i);
        }
        return overlap(pattern, literal);
    }

    /** Is there one string both token arrays accept? */
    public static boolean overlap(int[] a, int[] b) {
        int m = b.length;
        boolean[] row = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        row[0] = true;
        for (int i = 0; i <= a.length; i++) {
            java.util.Arrays.fill(next, false);
            boolean any = false;
            for (int j = 0; j <= m; j++) {
                if (!row[j]) {
                    continue;
                }
                any = true;
                boolean aEnd = i == a.length;
                boolean bEnd = j == m;
                int ta = aEnd ? 0 : a[i];
                int tb = bEnd ? 0 : b[j];
                boolean aStar = !aEnd && star(ta);
                boolean bStar = !bEnd && star(tb);
                if (aStar) {
                    next[j] = true;                      // a's star matches nothing more
                }
                if (bStar) {
                    row[j + 1] = true;                   // b's star matches nothing more
                }
                if (aEnd || bEnd || !compatible(ta, tb)) {
                    continue;
                }
                // One shared character: a star stays where it is, any other token moves on.
                if (aStar && !bStar) {
                    row[j + 1] = true;
                } else if (!aStar && bStar) {
                    next[j] = true;
                } else if (!aStar) {
                    next[j + 1] = true;
                }
            }
            if (i == a.length) {
                return row[m];
            }
            if (!any) {
                return false;
            }
            boolean[] swap = row;
            row = next;
            next = swap;
        }
        return false;
    }

    private static boolean star(int token) {
        return token == SEGMENT || token == ANY || token == BUCKET;
    }

    // Can one character be accepted by both tokens?
    private static boolean compatible(int a, int b) {
        if (a >= 0 && b >= 0) {
            return a == b;
        }
        if (a >= 0) {
            return accepts(b, a);
        }
        if (b >= 0) {
            return accepts(a, b);
        }
        return true;                            // two classes always share a letter
    }

    private static boolean accepts(int token, int c) {
        return token == ANY || c != ':' && (token != BUCKET || c != '/');
    }
}
