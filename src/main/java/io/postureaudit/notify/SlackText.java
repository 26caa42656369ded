package io.postureaudit.notify;

/**
 * Escapes text for Slack: every string that came from AWS (names, tags, messages) goes through here, so that
 * a resource named {@code <!channel>} or {@code <https://evil|click>} is shown, never interpreted.
 */
public final class SlackText {

    private SlackText() {
    }

    /** Slack's control characters are exactly &amp;, &lt; and &gt;. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escaped and with mrkdwn's formatting characters neutralised, for text placed inside bold or code spans. */
    public static String code(Object value) {
        return escape(value).replace("`", "'");
    }
}
