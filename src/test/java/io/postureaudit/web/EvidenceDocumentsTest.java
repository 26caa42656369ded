package io.postureaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole document is shown, and exactly the statement the evidence names is marked. */
class EvidenceDocumentsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json);
    }

    static String whole(List<EvidenceDocuments.Segment> segments) {
        StringBuilder b = new StringBuilder();
        segments.forEach(s -> b.append(s.text()));
        return b.toString();
    }

    @Test
    void shouldMarkStatementBySidAndKeepTheWholeDocumentValidJson() throws Exception {
        JsonNode d = doc("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
                {"Sid":"Everything","Effect":"Allow","Action":"*","Resource":"*"}]}""");
        List<EvidenceDocuments.Segment> segments = EvidenceDocuments.highlight(d, "Everything");
        List<EvidenceDocuments.Segment> marked = segments.stream().filter(EvidenceDocuments.Segment::responsible).toList();
        assertEquals(1, marked.size(), segments.toString());
        assertTrue(marked.get(0).text().contains("\"Everything\"") && !marked.get(0).text().contains("\"Read\""));
        assertEquals(d, JSON.readTree(whole(segments)), "the segments together are the document");
    }

    @Test
    void shouldMarkStatementByPositionWhenItHasNoSid() throws Exception {
        JsonNode d = doc("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"},
                {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""");
        List<EvidenceDocuments.Segment> segments = EvidenceDocuments.highlight(d, "Statement[1]");
        String marked = segments.stream().filter(EvidenceDocuments.Segment::responsible).findFirst().orElseThrow().text();
        assertTrue(marked.contains("iam:PassRole") && !marked.contains("Deny"), marked);
        assertEquals(d, JSON.readTree(whole(segments)));
    }

    @Test
    void shouldMarkSingleStatementObjectAndNothingForUnknownLabel() throws Exception {
        JsonNode d = doc("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}""");
        assertTrue(EvidenceDocuments.highlight(d, "Statement[0]").stream().anyMatch(EvidenceDocuments.Segment::responsible));
        List<EvidenceDocuments.Segment> none = EvidenceDocuments.highlight(d, "NoSuchSid");
        assertTrue(none.stream().noneMatch(EvidenceDocuments.Segment::responsible));
        assertEquals(d, JSON.readTree(whole(none)), "a single statement stays an object");
        assertEquals(d, JSON.readTree(whole(EvidenceDocuments.highlight(d, "Statement[0]"))));
    }
}
