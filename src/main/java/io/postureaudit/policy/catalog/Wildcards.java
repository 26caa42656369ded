package io.postureaudit.policy.catalog;

import java.util.Arrays;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none, also across ARN segments) and
 * {@code ?} exactly one. Actions compare case-insensitively, resources and ARNs case-sensitively.
 */
public final class Wildcards {

    private Wildcards() {
    }

    /** True when {@code text} matches {@code pattern}. */
    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        // Greedy scan that backtracks to the last star: linear in practice, no recursion.
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * True when some string matches both patterns: used to decide whether a grant on one ARN pattern can reach a
     * resource described by another pattern (for example {@code arn:aws:iam::*:policy/*}).
     */
    public static boolean overlap(String a, String b) {
        if ("*".equals(a) || "*".equals(b)) {
            return true;
        }
        // row[j]: the prefixes a[0..i) and b[0..j) can be matched by one common string; one row at a time, since
        // this runs for every grant check and must not allocate a matrix each time.
        boolean[] row = new boolean[b.length() + 1];
        boolean[] next = new boolean[b.length() + 1];
        row[0] = true;
        for (int i = 0; i <= a.length(); i++) {
            Arrays.fill(next, false);
            char ca = i < a.length() ? a.charAt(i) : 0;
            for (int j = 0; j <= b.length(); j++) {
                if (!row[j]) {
                    continue;
                }
                char cb = j < b.length() ? b.charAt(j) : 0;
                if (i < a.length() && ca == '*') {
                    next[j] = true;
                    if (j < b.length()) {
                        row[j + 1] = true;
                    }
                }
                if (j < b.length() && cb == '*') {
                    row[j + 1] = true;
                    if (i < a.length()) {
                        next[j] = true;
                    }
                }
                if (i < a.length() && j < b.length() && ca != '*' && cb != '*'
                        && (ca == '?' || cb == '?' || ca == cb)) {
                    next[j + 1] = true;
                }
            }
            if (i == a.length()) {
                return row[b.length()];
            }
            boolean[] swap = row;
            row = next;
            next = swap;
        }
        return false;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
