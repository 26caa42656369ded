package io.postureaudit.notify;

/**
 * Escapes text for Slack: every string that came from AWS (names, tags, messages, GuardDuty fields, policy text)
 * goes through here, so that a resource named {@code <!channel>} or {@code <https://evil|click>} is shown, never
 * interpreted, and {@code *bold*} or {@code ~strike~} in a tag value does not change the formatting.
 */
public final class SlackText {

    /** Zero-width space: placed around mrkdwn's formatting characters, it stops them pairing up. */
    static final char BREAK = '\u200B';

    private SlackText() {
    }

    /** Slack's control characters are exactly &amp;, &lt; and &gt;; plain_text fields need no more. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escaped, with mrkdwn formatting characters ({@code * _ ~ `}) neutralised, for text inside mrkdwn. */
    public static String mrkdwn(Object value) {
        String escaped = escape(value);
        StringBuilder out = new StringBuilder(escaped.length() + 8);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '*' || c == '_' || c == '~' || c == '`') {
                out.append(BREAK).append(c).append(BREAK);
            } else if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped for a code span: a backtick from AWS cannot close it (formatting does not apply inside). */
    public static String code(Object value) {
        return escape(value).replace('`', '\'').replace('\n', ' ');
    }

    /** Escaped for a code block ({@code ```}): three backticks from AWS cannot end it early. */
    public static String block(Object value) {
        return escape(value).replace("```", "'''");
    }

    /** At most {@code limit} characters, ending in an ellipsis when cut (never inside an entity like &amp;amp;). */
    public static String trim(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int cut = limit - 1;
        int amp = text.lastIndexOf('&', cut);
        if (amp >= 0 && amp > cut - 6 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }
}
