package io.postureaudit.policy.effective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.model.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Conditions that can never be true for the principal (AWS IAM User Guide, "AWS global condition context keys" and
 * "IAM JSON policy elements: Condition operators") make their statement grant nothing; conditions that merely narrow
 * keep it.
 */
class ImpossibleConditionsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    private static final ImpossibleConditions.Principal USER = new ImpossibleConditions.Principal(
            "arn:aws:iam::111122223333:user/alice", "User", "111122223333", "alice", "AIDAALICE",
            Map.of("team", "dev"), false);
    private static final ImpossibleConditions.Principal SERVICE_ROLE = new ImpossibleConditions.Principal(
            "arn:aws:iam::111122223333:role/worker", "AssumedRole", "111122223333", null, null,
            Map.of("team", "dev"), true);
    private static final ImpossibleConditions.Principal PEOPLE_ROLE = new ImpossibleConditions.Principal(
            "arn:aws:iam::111122223333:role/ops", "AssumedRole", "111122223333", null, null, Map.of(), false);

    private static ImpossibleConditions.Principal who(String name) {
        return switch (name) {
            case "user" -> USER;
            case "service-role" -> SERVICE_ROLE;
            default -> PEOPLE_ROLE;
        };
    }

    private static Statement statement(String condition) {
        return PolicyParser.parse(("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*',"
                + "'Resource':'*','Condition':" + condition + "}]}").replace('\'', '"')).statements().get(0);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', value = {
        "{'DateLessThan':{'aws:TokenIssueTime':'2020-01-01'}}|service-role",
        "{'DateLessThan':{'aws:TokenIssueTime':'2020-01-01T00:00:00Z'}}|user",
        "{'DateLessThan':{'aws:CurrentTime':'2020-01-01T00:00:00Z'}}|user",
        "{'DateLessThanEquals':{'aws:CurrentTime':'2026-11-26'}}|people-role",
        "{'NumericLessThan':{'aws:EpochTime':'1577836800'}}|user",
        "{'StringEquals':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/other'}}|people-role",
        "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/deploy-*'}}|service-role",
        "{'StringEquals':{'aws:username':'bob'}}|user",
        "{'StringEquals':{'aws:username':'bob'}}|people-role",
        "{'StringEquals':{'aws:userid':'AIDABOB'}}|user",
        "{'StringEquals':{'aws:PrincipalAccount':'999999999999'}}|user",
        "{'StringEquals':{'aws:PrincipalType':'User'}}|people-role",
        "{'StringEquals':{'aws:PrincipalTag/team':'admin'}}|user",
        "{'StringEquals':{'aws:PrincipalTag/clearance':'high'}}|user",
        "{'StringEquals':{'aws:SourceAccount':'111122223333'}}|user",
        "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::bucket'}}|service-role",
        "{'Bool':{'aws:MultiFactorAuthPresent':'true'}}|service-role",
        "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'},'StringEquals':{'aws:PrincipalAccount':'999999999999'}}|user"
    })
    void shouldDropTheStatementWhenItsConditionCanNeverHoldForThePrincipal(String condition, String principal) {
        assertNotNull(ImpossibleConditions.never(statement(condition), true, who(principal), NOW), condition);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', value = {
        "{'DateGreaterThan':{'aws:CurrentTime':'2020-01-01T00:00:00Z'}}|user",
        "{'DateLessThan':{'aws:CurrentTime':'2099-01-01T00:00:00Z'}}|user",
        "{'DateLessThan':{'aws:TokenIssueTime':'2026-11-26T12:00:00Z'}}|people-role",
        "{'DateLessThanIfExists':{'aws:TokenIssueTime':'2020-01-01'}}|user",
        "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}|user",
        "{'StringEquals':{'aws:SourceVpce':'vpce-1'}}|user",
        "{'StringEquals':{'aws:RequestTag/team':'dev'}}|user",
        "{'StringEquals':{'aws:PrincipalTag/team':'admin'}}|people-role",
        "{'Bool':{'aws:MultiFactorAuthPresent':'true'}}|people-role",
        "{'Bool':{'aws:MultiFactorAuthPresent':'true'}}|user",
        "{'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}}|service-role",
        "{'StringEquals':{'aws:username':'alice'}}|user",
        "{'StringEquals':{'aws:PrincipalTag/team':'dev'}}|user",
        "{'StringEquals':{'aws:userid':'AROAOPS:alice'}}|people-role",
        "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/*'}}|people-role",
        "{'StringNotEquals':{'aws:PrincipalAccount':'999999999999'}}|user",
        "{'StringEqualsIfExists':{'aws:SourceAccount':'111122223333'}}|user",
        "{'Null':{'aws:SourceArn':'true'}}|user",
        "{'StringEquals':{'aws:username':'${aws:username}'}}|user"
    })
    void shouldKeepTheGrantWhenTheConditionMayHold(String condition, String principal) {
        assertNull(ImpossibleConditions.never(statement(condition), true, who(principal), NOW), condition);
    }

    @Test
    void shouldLeaveAPolicyWithoutImpossibleStatementsAsTheSameObject() {
        NamedPolicy plain = new NamedPolicy("p", PolicyParser.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        NamedPolicy expired = new NamedPolicy("q", PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Old\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"DateLessThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}},"
                + "{\"Sid\":\"Now\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        ImpossibleConditions.Result result = ImpossibleConditions.filter(List.of(plain, expired), USER, NOW);
        assertSame(plain, result.policies().get(0));
        assertEquals(List.of("Now"), result.policies().get(1).document().statements().stream()
                .map(Statement::label).toList());
        assertEquals("Old", result.removed().get(0).statement());
        assertEquals("q", result.removed().get(0).policy());
    }

    @Test
    void shouldReadEpochSecondsAndIsoDatesAsTheDateOperatorsDo() {
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), ImpossibleConditions.time("1577836800"));
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), ImpossibleConditions.time("2020-01-01"));
        assertEquals(Instant.parse("2020-01-01T09:00:00Z"), ImpossibleConditions.time("2020-01-01T18:00:00+09:00"));
        assertNull(ImpossibleConditions.time("soon"));
    }
}
