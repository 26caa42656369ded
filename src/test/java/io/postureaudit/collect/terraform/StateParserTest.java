package io.postureaudit.collect.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** State format version 4 as Terraform 1.x writes it: addresses, instances, and secrets that never get out. */
class StateParserTest {

    static String access() throws IOException {
        return Files.readString(Path.of("src/test/resources/terraform/access.tfstate"));
    }

    @Test
    void shouldAddressModuleCountAndForEachInstancesWhenParsingVersionFour() throws Exception {
        List<StateInstance> instances = StateParser.parse("access.tfstate", access());
        List<String> addresses = instances.stream().map(StateInstance::address).toList();
        assertTrue(addresses.contains("module.access.aws_iam_role.deploy"), addresses.toString());
        assertTrue(addresses.contains("module.apps[\"core\"].aws_iam_role.service[\"billing\"]"), addresses.toString());
        assertTrue(addresses.contains("module.apps[\"core\"].aws_iam_role.service[\"search\"]"), addresses.toString());
        assertTrue(addresses.contains("aws_iam_role.ops[0]"), addresses.toString());
        assertTrue(addresses.contains("module.ci.aws_iam_user.this[0]"), addresses.toString());
        assertFalse(addresses.stream().anyMatch(a -> a.contains("aws_iam_policy_document")),
                "data sources are not managed resources: " + addresses);
        StateInstance prod = instances.stream().filter(i -> i.address().equals("aws_iam_role.prod_deploy")).findFirst()
                .orElseThrow();
        assertEquals("provider[\"registry.terraform.io/hashicorp/aws\"].prod", prod.provider());
        assertEquals("arn:aws:iam::222222222222:role/deploy", prod.text("arn"));
    }

    @Test
    void shouldDropSensitiveAttributesWhenTheStateHoldsSecrets() throws Exception {
        List<StateInstance> instances = StateParser.parse("access.tfstate", access());
        String everything = instances.stream().map(i -> i.attributes().toString()).collect(Collectors.joining());
        assertFalse(everything.contains("MARKER"), "a secret survived parsing: " + everything);
        Map<String, Object> key = instances.stream().filter(i -> i.type().equals("aws_iam_access_key")).findFirst()
                .orElseThrow().attributes();
        assertFalse(key.containsKey("secret"));
        assertFalse(key.containsKey("ses_smtp_password_v4"));
        assertEquals("AKIACIDEPLOYER000001", key.get("id"), "what is not secret stays");
    }

    @Test
    void shouldRemoveNestedSensitivePathsAndUnmarkedSecretNames() throws Exception {
        String text = """
                {"version":4,"terraform_version":"1.10.2","serial":1,"lineage":"x","outputs":{},"resources":[
                 {"mode":"managed","type":"aws_example","name":"x","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances":[{"schema_version":0,"sensitive_attributes":[[{"type":"get_attr","value":"settings"},
                    {"type":"index","value":{"value":0,"type":"number"}},{"type":"get_attr","value":"token"}]],
                   "attributes":{"settings":[{"token":"nested-MARKER","name":"kept"}],"db_password":"plain-MARKER","name":"n"}}]}]}
                """;
        StateInstance instance = StateParser.parse("x.tfstate", text).get(0);
        assertFalse(instance.attributes().toString().contains("MARKER"), instance.attributes().toString());
        assertEquals("n", instance.attributes().get("name"));
        assertTrue(instance.attributes().toString().contains("kept"), instance.attributes().toString());
    }

    @Test
    void shouldRefuseOtherFormatVersionsAndNamingWhatWasFound() {
        StateFormatException e = assertThrows(StateFormatException.class, () -> StateParser.parse("old.tfstate",
                "{\"version\":3,\"terraform_version\":\"0.11.14\",\"modules\":[]}"));
        assertEquals("state format version 3, expected 4 (as written by Terraform 1.x); written by Terraform 0.11.14",
                e.getMessage());
    }

    @Test
    void shouldRefuseTextThatIsNotJson() {
        StateFormatException e = assertThrows(StateFormatException.class, () -> StateParser.parse("x",
                "terraform {\n  backend \"s3\" {}\n}"));
        assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        StateFormatException other = assertThrows(StateFormatException.class, () -> StateParser.parse("x",
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        assertTrue(other.getMessage().contains("not a Terraform state file"), other.getMessage());
    }
}
