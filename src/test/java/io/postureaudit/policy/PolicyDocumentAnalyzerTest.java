package io.postureaudit.policy;

import static io.postureaudit.policy.TestPolicies.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.risk.Risk;
import io.postureaudit.policy.risk.RiskCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A policy judged on its own ({@code GET /api/policies}, the policy findings, {@code analyse-policies}) leaves out the
 * statements whose condition can hold for nobody, as a principal's analysis does: a time already past, a key only a
 * service's request carries. A condition that merely narrows keeps the grant, as conditional.
 */
class PolicyDocumentAnalyzerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final PolicyDocumentAnalyzer ANALYZER = new PolicyDocumentAnalyzer(ActionCatalog.standard(), NOW);

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "DateLessThan, aws:TokenIssueTime, 2020-01-01T00:00:00Z",
        "DateLessThan, aws:CurrentTime, 2026-11-30T00:00:00Z",
        "NumericLessThan, aws:EpochTime, 1700000000",
        "StringEquals, aws:SourceAccount, 111122223333",
    })
    void shouldGrantNothingWhenTheConditionCanHoldForNobody(String operator, String key, String value) {
        PolicyAnalysis analysis = ANALYZER.analyze("break-glass", everything(operator, key, value));

        assertEquals(List.of(), analysis.risks(), "a statement that can never apply grants nothing");
        assertEquals(100, analysis.leastPrivilegeScore());
        List<?> impossible = (List<?>) analysis.facts().get("impossibleStatements");
        assertEquals(1, impossible.size(), impossible.toString());
        assertTrue(impossible.get(0).toString().startsWith("break-glass/Statement[0]: " + operator + " " + key),
                impossible.toString());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "DateLessThan, aws:CurrentTime, 2027-01-01T00:00:00Z",
        "IpAddress, aws:SourceIp, 203.0.113.0/24",
    })
    void shouldKeepTheGrantAsConditionalWhenTheConditionMayHold(String operator, String key, String value) {
        PolicyAnalysis analysis = ANALYZER.analyze("break-glass", everything(operator, key, value));

        List<RiskCategory> categories = analysis.risks().stream().map(Risk::category).toList();
        assertTrue(categories.contains(RiskCategory.PRIVILEGE_ESCALATION), categories.toString());
        assertTrue(analysis.risks().stream().anyMatch(r -> r.detail().contains("under conditions on " + key)),
                analysis.risks().toString());
        assertEquals(List.of(), analysis.facts().get("impossibleStatements"));
    }

    private static io.postureaudit.policy.model.PolicyDocument everything(String operator, String key, String value) {
        return doc("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*','Resource':'*',"
                + "'Condition':{'" + operator + "':{'" + key + "':'" + value + "'}}}]}");
    }
}
