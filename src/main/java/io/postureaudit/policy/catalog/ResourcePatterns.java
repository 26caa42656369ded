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
        // A literal character is exactly one character, so equal literal prefixes and suffixes can be cut off and
        // unequal ones decide at once: ARN patterns and formats share "arn:" and often end alike.
        int from = 0;
        while (from < a.length && from < b.length && a[from] >= 0 && b[from] >= 0) {
            if (a[from] != b[from]) {
                return false;
            }
            from++;
        }
        int aTo = a.length;
        int bTo = b.length;
        while (aTo > from && bTo > from && a[aTo - 1] >= 0 && b[bTo - 1] >= 0) {
            if (a[aTo - 1] != b[bTo - 1]) {
                return false;
            }
            aTo--;
            bTo--;
        }
        // Then the two automata run side by side: row[j] says a[from..i) and b[from..from+j) can accept one string.
        // Only the reachable band [lo, hi] of a row is visited and cleared.
        int m = bTo - from;
        boolean[] row = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        row[0] = true;
        int lo = 0;
        int hi = 0;
        for (int i = from; ; i++) {
            boolean aEnd = i == aTo;
            int ta = aEnd ? 0 : a[i];
            boolean aStar = !aEnd && star(ta);
            int nextLo = m + 1;
            int nextHi = -1;
            for (int j = lo; j <= hi; j++) {
                if (!row[j]) {
                    continue;
                }
                boolean bEnd = j == m;
                int tb = bEnd ? 0 : b[from + j];
                boolean bStar = !bEnd && star(tb);
                int moveTo = -1;
                if (aStar) {
                    moveTo = j;                          // a's star matches nothing more
                }
                if (bStar) {
                    row[j + 1] = true;                   // b's star matches nothing more
                    hi = Math.max(hi, j + 1);
                }
                if (!aEnd && !bEnd && compatible(ta, tb)) {
                    // One shared character: a star stays where it is, any other token moves on.
                    if (aStar && !bStar) {
                        row[j + 1] = true;
                        hi = Math.max(hi, j + 1);
                    } else if (!aStar && bStar) {
                        moveTo = j;
                    } else if (!aStar) {
                        next[j + 1] = true;
                        nextLo = Math.min(nextLo, j + 1);
                        nextHi = Math.max(nextHi, j + 1);
                    }
                }
                if (moveTo >= 0) {
                    next[moveTo] = true;
                    nextLo = Math.min(nextLo, moveTo);
                    nextHi = Math.max(nextHi, moveTo);
                }
            }
            if (aEnd) {
                return row[m];
            }
            if (nextHi < 0) {
                return false;
            }
            java.util.Arrays.fill(row, lo, hi + 1, false);
            boolean[] swap = row;
            row = next;
            next = swap;
            lo = nextLo;
            hi = nextHi;
        }
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
