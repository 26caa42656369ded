package io.postureaudit.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.postureaudit.policy.TestPolicies;
import io.postureaudit.policy.model.PolicyDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every condition operator family, IfExists, the set qualifiers and variables, judged against a request context. */
class ConditionEvaluatorTest {

    private static final Map<String, Object> CONTEXT = Map.ofEntries(
            Map.entry("aws:PrincipalTag/team", "Blue"),
            Map.entry("s3:max-keys", "10"),
            Map.entry("aws:CurrentTime", "2026-11-27T08:00:00Z"),
            Map.entry("aws:SecureTransport", "true"),
            Map.entry("aws:SourceIp", "203.0.113.7"),
            Map.entry("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic-a"),
            Map.entry("aws:TagKeys", List.of("env", "team")),
            Map.entry("app:blob", "QmluYXJ5"),
            Map.entry("aws:SourceIpV6", "2001:db8::1"));

    private static boolean holds(String condition) {
        PolicyDocument doc = TestPolicies.doc("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'s3:GetObject','Resource':'*','Condition':{" + condition + "}}]}");
        RequestContext ctx = RequestContext.of("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
                "arn:aws:s3:::b/k", null, CONTEXT);
        return ConditionEvaluator.all(doc.statements().get(0).conditions(), ctx, doc.supportsVariables());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // String family
        "'StringEquals':{'aws:PrincipalTag/team':'Blue'}|true",
        "'StringEquals':{'aws:PrincipalTag/team':'blue'}|false",
        "'StringEquals':{'AWS:PRINCIPALTAG/TEAM':['Red','Blue']}|true",
        "'StringNotEquals':{'aws:PrincipalTag/team':'Red'}|true",
        "'StringEqualsIgnoreCase':{'aws:PrincipalTag/team':'BLUE'}|true",
        "'StringNotEqualsIgnoreCase':{'aws:PrincipalTag/team':'blue'}|false",
        "'StringLike':{'aws:PrincipalTag/team':'Bl?e'}|true",
        "'StringNotLike':{'aws:PrincipalTag/team':'B*'}|false",
        "'StringEquals':{'aws:username':'alice'}|true",
        "'StringEquals':{'aws:PrincipalTag/team':'${aws:PrincipalTag/team}'}|true",
        "'StringLike':{'aws:SourceArn':'*:${aws:PrincipalAccount}:*'}|true",
        "'StringEquals':{'aws:PrincipalTag/team':'${aws:PrincipalTag/missing, \\u0027Blue\\u0027}'}|true",
        "'StringEquals':{'aws:PrincipalTag/team':'${aws:PrincipalTag/missing}'}|false",
        // Absent keys
        "'StringEquals':{'aws:RequestTag/x':'a'}|false",
        "'StringEqualsIfExists':{'aws:RequestTag/x':'a'}|true",
        "'StringNotEquals':{'aws:RequestTag/x':'a'}|true",
        // Numeric
        "'NumericEquals':{'s3:max-keys':'10'}|true",
        "'NumericNotEquals':{'s3:max-keys':'10'}|false",
        "'NumericLessThan':{'s3:max-keys':'11'}|true",
        "'NumericLessThanEquals':{'s3:max-keys':'9'}|false",
        "'NumericGreaterThan':{'s3:max-keys':'9.5'}|true",
        "'NumericGreaterThanEquals':{'s3:max-keys':'10'}|true",
        "'NumericLessThan':{'s3:max-keys':'ten'}|false",
        // Date
        "'DateGreaterThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}|true",
        "'DateLessThan':{'aws:CurrentTime':'2026-11-27'}|false",
        "'DateEquals':{'aws:CurrentTime':'2026-11-27T09:00:00+01:00'}|true",
        "'DateNotEquals':{'aws:CurrentTime':'2026-11-27T08:00:00Z'}|false",
        "'DateLessThanEquals':{'aws:CurrentTime':'1795766400'}|true",
        "'DateGreaterThanEquals':{'aws:CurrentTime':'2027-01-01'}|false",
        // Bool, Binary
        "'Bool':{'aws:SecureTransport':'true'}|true",
        "'Bool':{'aws:SecureTransport':false}|false",
        "'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}|true",
        "'BinaryEquals':{'app:blob':'QmluYXJ5'}|true",
        "'BinaryEquals':{'app:blob':'b3RoZXI='}|false",
        // IP
        "'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}|true",
        "'IpAddress':{'aws:SourceIp':['10.0.0.0/8','198.51.100.0/24']}|false",
        "'NotIpAddress':{'aws:SourceIp':'10.0.0.0/8'}|true",
        "'IpAddress':{'aws:SourceIp':'203.0.113.7'}|true",
        "'IpAddress':{'aws:SourceIpV6':'2001:db8::/32'}|true",
        "'IpAddress':{'aws:SourceIp':'2001:db8::/32'}|false",
        // ARN
        "'ArnEquals':{'aws:SourceArn':'arn:aws:sns:us-east-1:111122223333:topic-a'}|true",
        "'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:111122223333:*'}|true",
        "'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:999999999999:*'}|false",
        "'ArnNotEquals':{'aws:SourceArn':'arn:aws:sns:us-east-1:111122223333:topic-b'}|true",
        "'ArnNotLike':{'aws:SourceArn':'arn:aws:sns:*:*:*'}|false",
        // Null
        "'Null':{'aws:RequestTag/x':'true'}|true",
        "'Null':{'aws:SourceIp':'true'}|false",
        "'Null':{'aws:SourceIp':'false'}|true",
        // Set qualifiers on a multivalued key
        "'ForAnyValue:StringEquals':{'aws:TagKeys':['team','owner']}|true",
        "'ForAnyValue:StringEquals':{'aws:TagKeys':['owner']}|false",
        "'ForAllValues:StringEquals':{'aws:TagKeys':['env','team','owner']}|true",
        "'ForAllValues:StringEquals':{'aws:TagKeys':['env']}|false",
        "'ForAllValues:StringEquals':{'aws:RequestTag/absent':['env']}|true",
        "'ForAnyValue:StringEquals':{'aws:RequestTag/absent':['env']}|false",
        "'ForAnyValue:StringNotEquals':{'aws:TagKeys':['env']}|true",
        "'ForAllValues:StringNotLike':{'aws:TagKeys':['x*']}|true",
        // Several operators and keys are ANDed
        "'StringEquals':{'aws:PrincipalTag/team':'Blue'},'Bool':{'aws:SecureTransport':'false'}|false"
    })
    void shouldDecideConditionWhenEvaluatedAgainstTheRequestContext(String condition, boolean expected) {
        assertEquals(expected, holds(condition), condition);
    }
}
