package io.postureaudit.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole grammar parses; every violation names the path of the bad element. */
class PolicyParserTest {

    private static PolicyDocument parse(String singleQuoted) {
        return PolicyParser.parse(singleQuoted.replace('\'', '"'));
    }

    @Test
    void shouldParseEveryElementWhenTheDocumentUsesTheFullGrammar() {
        PolicyDocument doc = parse("{'Version':'2012-10-17','Id':'x','Statement':[{'Sid':'A','Effect':'Allow',"
                + "'NotAction':'iam:*','NotResource':['arn:aws:s3:::a','arn:aws:s3:::b'],"
                + "'NotPrincipal':{'AWS':['arn:aws:iam::111122223333:root'],'Service':'ec2.amazonaws.com',"
                + "'Federated':'cognito-identity.amazonaws.com','CanonicalUser':'abc'},"
                + "'Condition':{'ForAnyValue:StringLikeIfExists':{'aws:TagKeys':['a*','b']},"
                + "'NumericLessThan':{'s3:max-keys':10},'Bool':{'aws:SecureTransport':false}}}]}");
        assertEquals("2012-10-17", doc.version());
        assertTrue(doc.supportsVariables());
        Statement s = doc.statements().get(0);
        assertEquals("A", s.label());
        assertTrue(s.notAction() && s.notResource() && s.notPrincipal());
        assertEquals(List.of("iam:*"), s.actions());
        assertEquals(List.of("arn:aws:s3:::a", "arn:aws:s3:::b"), s.resources());
        assertEquals(List.of("ec2.amazonaws.com"), s.principal().values("Service"));
        assertEquals(3, s.conditions().size());
        Condition c = s.conditions().get(0);
        assertEquals(ConditionOperator.STRING_LIKE, c.operator());
        assertEquals(Condition.SetQualifier.FOR_ANY_VALUE, c.set());
        assertTrue(c.ifExists());
        assertEquals(List.of("a*", "b"), c.values());
        assertEquals(List.of("10"), s.conditions().get(1).values());
        assertEquals(List.of("false"), s.conditions().get(2).values());
    }

    @Test
    void shouldAcceptAStatementObjectAndStringsWhenArraysAreOmitted() {
        PolicyDocument doc = parse("{'Statement':{'Effect':'Deny','Action':'s3:GetObject','Resource':'*',"
                + "'Principal':'*'}}");
        assertNull(doc.version());
        assertFalse(doc.supportsVariables());
        Statement s = doc.statements().get(0);
        assertEquals(Effect.DENY, s.effect());
        assertEquals("Statement[0]", s.label());
        assertTrue(s.principal().anyone() && s.principal().isPublic());
    }

    @Test
    void shouldParseUrlEncodedDocumentsWhenIamReturnsThem() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        PolicyDocument doc = PolicyParser.parse(URLEncoder.encode(json, StandardCharsets.UTF_8));
        assertEquals(List.of("s3:*"), doc.statements().get(0).actions());
    }

    @Test
    void shouldParseMapsWhenCollectorsStoreNormalisedDocuments() {
        PolicyDocument doc = PolicyParser.parseMap(Map.of("Version", "2012-10-17", "Statement",
                List.of(Map.of("Effect", "Allow", "Action", List.of("ec2:Describe*"), "Resource", List.of("*")))));
        assertEquals(List.of("ec2:Describe*"), doc.statements().get(0).actions());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{'Version':'2012-10-17'}|$.Statement",
        "{'Version':'2019-01-01','Statement':[]}|$.Version",
        "{'Statement':[{'Effect':'Permit','Action':'s3:*','Resource':'*'}]}|$.Statement[0].Effect",
        "{'Statement':[{'Effect':'Allow','Resource':'*'}]}|$.Statement[0].Action",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','NotAction':'iam:*'}]}|$.Statement[0].NotAction",
        "{'Statement':[{'Effect':'Allow','Action':['s3:*','nonsense'],'Resource':'*'}]}|$.Statement[0].Action[1]",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':[1]}]}|$.Statement[0].Resource[0]",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':[]}]}|$.Statement[0].Resource",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Principal':'me'}]}|$.Statement[0].Principal",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Principal':{'Users':'x'}}]}|$.Statement[0].Principal.Users",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Condition':{'StringSorta':{'a':'b'}}}]}|$.Statement[0].Condition.StringSorta",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Condition':{'NullIfExists':{'a':'true'}}}]}|$.Statement[0].Condition.NullIfExists",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Condition':{'StringEquals':{'a':{'b':1}}}}]}|$.Statement[0].Condition.StringEquals.a",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','Extra':1}]}|$.Statement[0].Extra",
        "{'Statement':[{'Effect':'Allow','Action':'s3:*'}],'Other':1}|$.Other",
        "[1,2]|$",
        "{not json|$"
    })
    void shouldNameThePathWhenAnElementIsMalformed(String document, String path) {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> parse(document));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("expected") && e.getMessage().contains("found"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*:*", "*:List*", "s3*:Get*", "ec2:Describe?nstances", "IAM:passrole"})
    void shouldAcceptWildcardServicePrefixesWhenIamWouldStoreThem(String action) {
        PolicyDocument doc = parse("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'" + action
                + "','Resource':'*'}}");
        assertEquals(List.of(action), doc.statements().get(0).actions());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"s3:Get,Put", "s3 GetObject", "s3:Get Object", "s3", ":GetObject", "s3:",
        "s3:Get:Object", "s3:Get\\tObject", "s3:Get\u00c9"})
    void shouldRefuseActionsWithACommaOrWhitespaceInsideWhenAwsWouldRejectThem(String action) {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> parse(
                "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'" + action + "','Resource':'*'}}"));
        assertEquals("$.Statement.Action[0]", e.path(), e.getMessage());
    }
}
