package io.postureaudit.policy.eval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}, {@code ${key, 'default'}},
 * and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}) from the request context.
 */
public final class PolicyVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([^,\\s]+)\\s*,\\s*'([^']*)'\\s*");

    private PolicyVariables() {
    }

    /**
     * The text with every variable replaced, or null when a variable has no value and no default: AWS then treats
     * the element as not matching.
     */
    public static String substitute(String text, RequestContext ctx) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolve(m.group(1), ctx);
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String inner, RequestContext ctx) {
        switch (inner) {
            case "*", "?", "$":
                return inner;
            default:
                break;
        }
        String key = inner.trim();
        String fallback = null;
        Matcher d = WITH_DEFAULT.matcher(inner);
        if (d.matches()) {
            key = d.group(1);
            fallback = d.group(2);
        }
        List<String> values = ctx.values(key);
        // A multivalued key cannot be substituted into a single string; AWS treats that as no value.
        if (values == null || values.size() != 1) {
            return fallback;
        }
        return values.get(0);
    }
}
