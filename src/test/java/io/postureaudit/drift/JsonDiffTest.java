package io.postureaudit.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text, Map.class);
    }

    @Test
    void shouldNameEachChangedLeafByJsonPointerWhenValuesDiffer() throws Exception {
        List<FieldChange> diff = JsonDiff.diff(
                json("{\"a\": 1, \"tags\": {\"team/x\": \"p\", \"k~\": 1}, \"list\": [1, 2], \"gone\": true}"),
                json("{\"a\": 1.0, \"tags\": {\"team/x\": \"q\", \"k~\": 1}, \"list\": [1, 3], \"new\": null, \"n\": 2}"),
                List.of());
        assertEquals(List.of(new FieldChange("/gone", true, null), new FieldChange("/list/1", 2, 3),
                new FieldChange("/n", null, 2), new FieldChange("/tags/team~1x", "p", "q")), diff);
    }

    @Test
    void shouldReportWholeListWhenLengthChanges() throws Exception {
        List<FieldChange> diff = JsonDiff.diff(json("{\"groups\": [\"a\"]}"), json("{\"groups\": [\"a\", \"b\"]}"),
                List.of());
        assertEquals(List.of(new FieldChange("/groups", List.of("a"), List.of("a", "b"))), diff);
    }

    @Test
    void shouldIgnoreNoisyFieldsAndEverythingBelowThemWhenDiffing() throws Exception {
        List<FieldChange> diff = JsonDiff.diff(
                json("{\"attachmentCount\": 1, \"keys\": [{\"lastRotated\": \"x\", \"active\": true}], \"d\": {\"e\": 1}}"),
                json("{\"attachmentCount\": 4, \"keys\": [{\"lastRotated\": \"y\", \"active\": false}], \"d\": {\"e\": 2}}"),
                List.of("/attachmentCount", "/keys/*/lastRotated", "/d"));
        assertEquals(List.of(new FieldChange("/keys/0/active", true, false)), diff);
    }

    @Test
    void shouldCallPolicyRespellingCosmeticButNotARealEdit() throws Exception {
        Map<String, Object> before = json("""
                {"document": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*"}]}}""");
        Map<String, Object> respelled = json("""
                {"document": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": ["*"]},
                  {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}}""");
        Map<String, Object> edited = json("""
                {"document": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
                  {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*"}]}}""");
        assertTrue(PolicyText.cosmeticOnly(before, respelled));
        assertFalse(PolicyText.cosmeticOnly(before, edited));
        assertFalse(PolicyText.cosmeticOnly(before, before), "identical is not a change at all");
        assertTrue(PolicyText.insidePolicy(before, "/document/Statement/0/Action"));
        assertFalse(PolicyText.insidePolicy(json("{\"tags\": {\"a\": 1}}"), "/tags/a"));
    }
}
