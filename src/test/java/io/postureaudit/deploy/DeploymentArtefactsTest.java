package io.postureaudit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.postureaudit.policy.catalog.AccessLevel;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ActionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deployment files parsed as what they are (YAML, HCL text, JSON) and checked for the properties operators rely
 * on; the audit role everywhere equals docs/audit-role-policy.json, and the project's own action catalogue finds
 * nothing in it that writes, manages permissions or reads data.
 */
class DeploymentArtefactsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path K8S = Path.of("deploy/k8s");
    /** Actions that read customer data or secrets rather than configuration. */
    private static final Set<String> DATA_READ = Set.of("s3:GetObject", "s3:GetObjectVersion",
            "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
            "kms:Decrypt", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem",
            "sqs:ReceiveMessage", "logs:GetLogEvents", "logs:FilterLogEvents", "athena:GetQueryResults",
            "rds-data:ExecuteStatement", "lambda:GetFunction", "ec2:GetPasswordData", "ecr:GetDownloadUrlForLayer");

    private static Map<String, JsonNode> manifests() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        Map<String, JsonNode> byKind = new HashMap<>();
        for (JsonNode resource : kustomization.get("resources")) {
            JsonNode manifest = YAML.readTree(K8S.resolve(resource.asText()).toFile());
            assertTrue(manifest.hasNonNull("apiVersion"), resource + " has no apiVersion");
            assertTrue(manifest.path("metadata").hasNonNull("name"), resource + " has no metadata.name");
            byKind.put(manifest.get("kind").asText(), manifest);
        }
        return byKind;
    }

    @Test
    void shouldDeclareEveryManifestOfTheBaseInTheKustomization() throws IOException {
        assertEquals(Set.of("ServiceAccount", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget",
                "NetworkPolicy"), manifests().keySet());
    }

    @Test
    void shouldRunTwoNonRootReplicasWithProbesAndResources() throws IOException {
        JsonNode deployment = manifests().get("Deployment");
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0);
        JsonNode container = pod.at("/containers/0");
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertTrue(container.at("/resources/requests").has("cpu"));
        assertTrue(container.at("/resources/requests").has("memory"));
        assertEquals("posture-audit", pod.get("serviceAccountName").asText());
        assertEquals(deployment.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels"),
                "the selector must match the pod labels");
    }

    @Test
    void shouldTakeDatabaseSlackAndOidcSecretsFromSecretsOnly() throws IOException {
        JsonNode container = manifests().get("Deployment").at("/spec/template/spec/containers/0");
        Map<String, String> secretOf = new HashMap<>();
        for (JsonNode env : container.get("env")) {
            if (env.has("valueFrom")) {
                secretOf.put(env.get("name").asText(), env.at("/valueFrom/secretKeyRef/name").asText());
            } else {
                assertFalse(env.get("name").asText().matches(".*(PASSWORD|TOKEN|SECRET).*"),
                        env.get("name") + " must come from a Secret, not a literal");
            }
        }
        assertEquals("posture-audit-db", secretOf.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("posture-audit-db", secretOf.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("posture-audit-slack", secretOf.get("POSTURE_SLACK_TOKEN"));
        assertEquals("posture-audit-slack", secretOf.get("POSTURE_SLACK_SIGNING_SECRET"));
        assertEquals("posture-audit-oidc", secretOf.get("QUARKUS_OIDC_CREDENTIALS_SECRET"));
        String properties = manifests().get("ConfigMap").at("/data/application.properties").asText();
        assertFalse(properties.matches("(?s).*(password|token|secret)\\s*=.*"), "no secret in the ConfigMap");
    }

    @Test
    void shouldAnnotateTheServiceAccountForIrsaAndProtectThePods() throws IOException {
        Map<String, JsonNode> m = manifests();
        assertTrue(m.get("ServiceAccount").at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText()
                .startsWith("arn:aws:iam::"));
        JsonNode selector = m.get("Deployment").at("/spec/selector/matchLabels");
        assertEquals(selector, m.get("Service").at("/spec/selector"));
        assertEquals(selector, m.get("PodDisruptionBudget").at("/spec/selector/matchLabels"));
        assertEquals(1, m.get("PodDisruptionBudget").at("/spec/minAvailable").asInt());
        JsonNode policy = m.get("NetworkPolicy");
        assertEquals(selector, policy.at("/spec/podSelector/matchLabels"));
        List<Integer> egressPorts = new ArrayList<>();
        policy.at("/spec/egress").forEach(rule -> rule.path("ports").forEach(p -> egressPorts.add(p.get("port").asInt())));
        assertEquals(List.of(53, 53, 5432, 443), egressPorts);
    }

    @Test
    void shouldBuildTheTerraformModulePolicyFromTheDocumentedPolicyFile() throws IOException {
        Path module = Path.of("deploy/terraform/audit-role");
        String main = Files.readString(module.resolve("main.tf"));
        assertTrue(main.contains("jsondecode(file(\"${path.module}/../../../docs/audit-role-policy.json\"))"), main);
        assertTrue(Files.exists(module.resolve("../../../docs/audit-role-policy.json").normalize()));
        assertTrue(main.contains("policy      = jsonencode(local.audit_policy)"), "the policy is the file's content");
        assertFalse(main.contains("\"Action\""), "no policy statement may be written inline in the module");
        assertTrue(main.contains("variable = \"sts:ExternalId\""), "the trust requires the ExternalId");
        assertTrue(Files.readString(module.resolve("outputs.tf")).contains("output \"role_arn\""));
    }

    @Test
    void shouldEmbedTheDocumentedPolicyVerbatimInTheStackSetTemplate() throws IOException {
        JsonNode template = YAML.readTree(Path.of("deploy/cloudformation/audit-role-stackset.yaml").toFile());
        assertEquals(JSON.readTree(Path.of("docs/audit-role-policy.json").toFile()),
                template.at("/Resources/AuditPolicy/Properties/PolicyDocument"));
        JsonNode trust = template.at("/Resources/AuditRole/Properties/AssumeRolePolicyDocument/Statement/0");
        assertEquals("ExternalId", trust.at("/Condition/StringEquals/sts:ExternalId/Ref").asText());
        assertTrue(template.at("/Outputs/RoleArn").isObject());
    }

    @Test
    void shouldFindOnlyListAndReadActionsWithoutDataReadsInTheAuditPolicy() throws IOException {
        ActionCatalog catalog = ActionCatalog.standard();
        JsonNode policy = JSON.readTree(Path.of("docs/audit-role-policy.json").toFile());
        List<String> offending = new ArrayList<>();
        int checked = 0;
        for (JsonNode statement : policy.get("Statement")) {
            assertEquals("Allow", statement.get("Effect").asText());
            for (JsonNode action : statement.get("Action")) {
                List<String> ids = catalog.ids(catalog.expand(action.asText()));
                assertFalse(ids.isEmpty(), action + " matches no action the catalogue knows");
                for (String id : ids) {
                    ActionInfo info = catalog.find(id).orElseThrow();
                    checked++;
                    if (!(info.level() == AccessLevel.LIST || info.level() == AccessLevel.READ)
                            || DATA_READ.stream().anyMatch(d -> d.equalsIgnoreCase(id))) {
                        offending.add(id + " (" + info.level().label() + ")");
                    }
                }
            }
        }
        assertTrue(checked > 20, "the policy's actions were expanded: " + checked);
        assertTrue(offending.isEmpty(), "the audit role must only list and read configuration: " + offending);
    }
}
