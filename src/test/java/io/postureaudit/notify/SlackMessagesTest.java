package io.postureaudit.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.SectionBlock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text from AWS reaches Slack shown, never interpreted: no mentions, no links, no broken markup. */
class SlackMessagesTest {

    @Test
    void shouldEscapeControlCharactersWhenTextComesFromAws() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("severity", "high");
        payload.put("title", "Tag says <!channel>");
        payload.put("message", "IAM role <https://evil.example|click me> & friends is open.");
        payload.put("accountName", "prod <@U123>");
        payload.put("accountId", "222222222222");
        payload.put("region", "ap-northeast-1");
        payload.put("ruleId", "rule`x`");
        payload.put("resourceArn", "arn:aws:iam::222222222222:role/a`b");
        SlackMessages.Rendered rendered = SlackMessages.finding(payload);
        String blocks = ((SectionBlock) rendered.blocks().get(0)).getText().getText();
        for (String text : new String[] {rendered.text(), blocks}) {
            assertFalse(text.contains("<!channel>"), text);
            assertFalse(text.contains("<https://"), text);
            assertFalse(text.contains("<@U123>"), text);
            assertTrue(text.contains("&lt;https://evil.example|click me&gt; &amp; friends"), text);
        }
        assertFalse(blocks.contains("a`b"), "backticks from AWS must not close a code span: " + blocks);
    }
}
