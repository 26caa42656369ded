package io.postureaudit.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyse-policies} on what the AWS CLI prints: every policy document of an authorization details dump judged
 * (managed policies at their default version, inline policies of users, groups and roles, URL-encoded or not), a
 * document that cannot be read reported as not judged, and unusable input refused with where and why.
 */
class AnalysePoliciesTest {

    static final Path DETAILS = Path.of("src/test/resources/policy/cli/authorization-details.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "arn:aws:iam::111122223333:";

    @Test
    void shouldJudgeEveryDocumentOfAuthorizationDetailsAndReportTheUnreadableOneAsNotJudged() throws Exception {
        Result result = run(List.of(DETAILS.toString()), "");

        assertEquals(AnalysePolicies.NOT_JUDGED, result.code, result.err);
        checkDetails(result.lines(), result.err);
    }

    /** The expectations on the fixture's five documents, shared with the launcher's tests. */
    static void checkDetails(Map<String, JsonNode> byName, String summary) {
        assertEquals(List.of("deploy", "iam-everything", "break-glass", "lambda-runner", "typo"),
                new ArrayList<>(byName.keySet()));
        // The default version (v2, one bucket's objects) is judged, not v1 (every action), and both holders are named.
        JsonNode deploy = byName.get("deploy");
        assertEquals("managed", deploy.get("kind").asText());
        assertEquals(List.of(ACCOUNT + "user/alice", ACCOUNT + "role/app"), texts(deploy.get("attachedTo")));
        assertEquals(List.of(), categories(deploy));
        assertEquals(100, deploy.get("leastPrivilegeScore").asInt());
        // Not attached to anything yet is still judged: one attachment away is how it gets used.
        JsonNode iam = byName.get("iam-everything");
        assertEquals(List.of(), texts(iam.get("attachedTo")));
        assertTrue(categories(iam).contains("privilege-escalation"), iam.toString());
        assertTrue(categories(iam).contains("credentials-exposure"), iam.toString());
        JsonNode breakGlass = byName.get("break-glass");
        assertEquals("inline", breakGlass.get("kind").asText());
        assertEquals(ACCOUNT + "user/alice", breakGlass.get("arn").asText());
        assertEquals("admin", categories(breakGlass).get(0));
        assertEquals(ACCOUNT + "user/alice/break-glass", breakGlass.at("/risks/0/evidence/0/policy").asText());
        assertEquals("Everything", breakGlass.at("/risks/0/evidence/0/statement").asText());
        // URL-encoded, as IAM's API returns documents.
        JsonNode runner = byName.get("lambda-runner");
        assertEquals(List.of("privilege-escalation"), categories(runner));
        assertTrue(runner.at("/risks/0/detail").asText().contains("lambda:CreateFunction"), runner.toString());
        JsonNode typo = byName.get("typo");
        assertTrue(typo.get("leastPrivilegeScore").isNull(), typo.toString());
        assertEquals(List.of(), categories(typo));
        assertEquals("$.Statement[0].Action[1]: expected \"*\" or service:Action, found \"s3:Get Object\"",
                typo.get("error").asText());
        assertTrue(deploy.get("error").isNull(), deploy.toString());
        assertTrue(summary.contains("5 policy documents: 4 judged, 3 with risks"), summary);
        assertTrue(summary.contains("1 not judged"), summary);
    }

    @Test
    void shouldReadABareDocumentFromStandardInputAndAGetPolicyVersionOutput(@TempDir Path dir) throws Exception {
        Path version = dir.resolve("version.json");
        Files.writeString(version, "{\"PolicyVersion\": {\"VersionId\": \"v3\", \"IsDefaultVersion\": true,"
                + " \"Document\": {\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\","
                + " \"Action\": \"*:*\", \"Resource\": \"*\"}}}}");
        Result result = run(List.of("-", version.toString()), "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\"}]}");

        assertEquals(AnalysePolicies.OK, result.code, result.err);
        Map<String, JsonNode> lines = result.lines();
        assertEquals(List.of("(standard input)", version.toString()), new ArrayList<>(lines.keySet()));
        assertEquals(List.of(), categories(lines.get("(standard input)")));
        // "*:*" is a form IAM stores as written: every action, so admin, never unreadable.
        assertEquals("admin", categories(lines.get(version.toString())).get(0));
    }

    /** The sample estate's dev account: an import bundle, of which the authorization details are read. */
    @Test
    void shouldReadTheAuthorizationDetailsOfAnImportBundle() throws Exception {
        Path bundle = Path.of("samples/dev-314159265358.json");
        JsonNode details = JSON.readTree(bundle.toFile()).get("iam:GetAccountAuthorizationDetails");
        int expected = details.get("Policies").size();
        for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList")) {
            for (JsonNode holder : details.get(list)) {
                for (String inline : List.of("UserPolicyList", "GroupPolicyList", "RolePolicyList")) {
                    expected += holder.path(inline).size();
                }
            }
        }
        Result result = run(List.of(bundle.toString()), "");

        assertEquals(AnalysePolicies.OK, result.code, result.err);
        assertEquals(expected, result.out.lines().count(), result.err);
        assertTrue(result.out.contains("\"category\":\"admin\""), "the sample plants an admin-equivalent policy");
    }

    /** Pages of authorization details, as a bundle may hold them: attachments are found across pages. */
    @Test
    void shouldFindAttachmentsAcrossPagesOfAuthorizationDetails(@TempDir Path dir) throws Exception {
        JsonNode whole = JSON.readTree(DETAILS.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode pages = JSON.createArrayNode();
        pages.addObject().set("UserDetailList", whole.get("UserDetailList"));
        pages.addObject().set("RoleDetailList", whole.get("RoleDetailList"));
        pages.addObject().setAll(java.util.Map.of("GroupDetailList", whole.get("GroupDetailList"), "Policies",
                whole.get("Policies")));
        Path paged = dir.resolve("pages.json");
        JSON.writeValue(paged.toFile(), pages);
        Result result = run(List.of(paged.toString()), "");

        assertEquals(AnalysePolicies.NOT_JUDGED, result.code, result.err);
        Map<String, JsonNode> lines = result.lines();
        assertEquals(List.of(ACCOUNT + "user/alice", ACCOUNT + "role/app"),
                texts(lines.get("deploy").get("attachedTo")));
        assertEquals(5, lines.size(), lines.keySet().toString());
    }

    @Test
    void shouldNameEachDocumentOfAnArrayByItsPlace(@TempDir Path dir) throws Exception {
        Path both = dir.resolve("both.json");
        Files.writeString(both, "[{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
                + " \"Resource\": \"*\"}}, {\"PolicyVersion\": {\"VersionId\": \"v1\"}}]");
        Result result = run(List.of(both.toString()), "");

        assertEquals(AnalysePolicies.NOT_JUDGED, result.code, result.err);
        Map<String, JsonNode> lines = result.lines();
        assertEquals(List.of(both + "[0]", both + "[1]"), new ArrayList<>(lines.keySet()));
        assertEquals("$[1].PolicyVersion.Document: expected a policy document, found none",
                lines.get(both + "[1]").get("error").asText());
    }

    @Test
    void shouldRefuseTextThatIsNotJsonSayingWhereAndStillJudgeTheOtherFiles(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("gaad.json");
        Files.writeString(broken, "{\"Policies\": [\n  {\"PolicyName\": \"x\",, }\n]}");
        Result result = run(List.of(broken.toString(), DETAILS.toString()), "");

        assertEquals(AnalysePolicies.UNUSABLE, result.code);
        assertTrue(result.err.startsWith("analyse-policies: " + broken + ": expected JSON, found invalid text at line 2"
                + " column "), result.err);
        assertLibraryFree(result.err);
        assertTrue(result.err.contains("; 1 of 2 files unusable"), result.err);
        checkDetails(result.lines(), result.err);
    }

    @Test
    void shouldRefuseAnObjectOfNoKnownShapeNamingItsKeys(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("users.json");
        Files.writeString(other, "[{\"Users\": []}]");
        Result result = run(List.of(other.toString()), "");

        assertEquals(AnalysePolicies.UNUSABLE, result.code);
        assertEquals("analyse-policies: " + other + ": $[0]: expected a policy document (with Statement), the output of"
                + " aws iam get-account-authorization-details or aws iam get-policy-version, or an import bundle, found"
                + " an object with keys [Users]", result.err.lines().findFirst().orElse(""));
        assertTrue(result.err.contains("0 policy documents") && result.err.contains("1 of 1 files unusable"),
                result.err);
    }

    @Test
    void shouldRefuseAMissingFileAndNoArguments() throws Exception {
        Result missing = run(List.of("no-such-file.json"), "");
        assertEquals(AnalysePolicies.UNUSABLE, missing.code);
        assertEquals("analyse-policies: no-such-file.json: expected a readable file, found none",
                missing.err.lines().findFirst().orElse(""));

        Result none = run(List.of(), "");
        assertEquals(AnalysePolicies.UNUSABLE, none.code);
        assertTrue(none.err.startsWith("usage: analyse-policies FILE"), none.err);
    }

    @Test
    void shouldNameTheMissingDefaultVersionOfAManagedPolicy(@TempDir Path dir) throws Exception {
        Path details = dir.resolve("details.json");
        Files.writeString(details, "{\"Policies\": [{\"PolicyName\": \"half\", \"Arn\": \"" + ACCOUNT
                + "policy/half\", \"DefaultVersionId\": \"v2\", \"PolicyVersionList\": [{\"VersionId\": \"v1\","
                + " \"IsDefaultVersion\": false, \"Document\": {\"Statement\": []}}]}]}");
        Result result = run(List.of(details.toString()), "");

        assertEquals(AnalysePolicies.NOT_JUDGED, result.code);
        JsonNode half = result.lines().get("half");
        assertTrue(half.get("leastPrivilegeScore").isNull());
        assertEquals("$.Policies[0].PolicyVersionList: expected the default version (v2) with a Document, found none",
                half.get("error").asText());
    }

    /** The launcher as installed, with nothing but our classes and Jackson on its class path. */
    @Test
    void shouldRunThroughItsLauncherWithOnlyOurClassesAndJackson() throws Exception {
        Path launcher = Path.of("src/main/dist/analyse-policies.sh");
        Map<String, String> env = new HashMap<>();
        env.put("POSTURE_AUDIT_CLASSPATH", ourClassesAndJackson());
        Launched run = launch(List.of("sh", launcher.toString(), DETAILS.toString()), env);

        assertEquals(AnalysePolicies.NOT_JUDGED, run.code, run.err);
        checkDetails(lines(run.out), run.err);
    }

    static Launched launch(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Path err = Files.createTempFile("analyse-policies", ".err");
        try {
            Process p = builder.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not finish within a minute");
            return new Launched(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    record Launched(int code, String out, String err) {
    }

    private static String ourClassesAndJackson() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (entry.endsWith("target" + File.separator + "classes")
                    || file.matches("jackson-(core|databind|annotations)-[0-9.]+\\.jar")) {
                kept.add(entry);
            }
        }
        assertEquals(4, kept.size(), "expected target/classes and three Jackson jars on the test class path: " + kept);
        return String.join(File.pathSeparator, kept);
    }

    private static Result run(List<String> args, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalysePolicies.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
        Map<String, JsonNode> lines() throws Exception {
            return AnalysePoliciesTest.lines(out);
        }
    }

    static Map<String, JsonNode> lines(String out) throws Exception {
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertNull(byName.put(node.get("name").asText(), node), "two lines for " + node.get("name"));
            }
        }
        return byName;
    }

    private static List<String> categories(JsonNode policy) {
        List<String> out = new ArrayList<>();
        policy.get("risks").forEach(r -> out.add(r.get("category").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertLibraryFree(String message) {
        assertFalse(message.contains("com.fasterxml") || message.contains("Exception"), message);
    }
}
