package io.postureaudit.policy.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the policy documents in one input file. Accepted, as the AWS CLI prints them: a policy document; the output
 * of {@code aws iam get-account-authorization-details} (managed policies at their default version, and the inline
 * policies of users, groups and roles); the output of {@code aws iam get-policy-version}; or an array of these (pages
 * of the first, say); or an import bundle of {@code POST /api/imports}, whose authorization details are read. Anything
 * else is an {@link InputException} saying what was expected, what came, and where.
 */
final class PolicyInputs {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BUNDLE_KEY = "iam:GetAccountAuthorizationDetails";
    private static final String SHAPES = "a policy document (with Statement), the output of"
            + " aws iam get-account-authorization-details or aws iam get-policy-version, or an import bundle";
    private static final List<String> HOLDER_LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList");
    private static final List<String> DETAIL_LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList",
            "Policies");

    private PolicyInputs() {
    }

    /** Something in the input that no policy can be read from at all; the message names the file and the place. */
    static final class InputException extends Exception {
        InputException(String message) {
            super(message);
        }
    }

    static List<PolicyInput> read(String source, InputStream in) throws InputException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputException(source + ": expected " + SHAPES + ", found an empty file");
            }
            root = tree(parser, first);
            if (parser.nextToken() != null) {
                throw new InputException(source + ": expected one JSON value, found more after line "
                        + parser.currentLocation().getLineNr() + " column " + parser.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new InputException(source + ": expected JSON, found invalid text at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr() + " ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InputException(source + ": could not be read (" + e.getMessage() + ")");
        }
        List<PolicyInput> out = new ArrayList<>();
        collect(source, root, "$", out);
        return out;
    }

    private static void collect(String source, JsonNode node, String path, List<PolicyInput> out)
            throws InputException {
        if (node.isArray() && node.size() > 1 && allDetails(node)) {
            // Pages of one account's authorization details: a policy on one page is attached by holders on others.
            ObjectNode merged = NODES.objectNode();
            for (JsonNode page : node) {
                for (String list : DETAIL_LISTS) {
                    if (page.path(list).isArray()) {
                        ArrayNode all = merged.has(list) ? (ArrayNode) merged.get(list) : merged.putArray(list);
                        all.addAll((ArrayNode) page.get(list));
                    }
                }
            }
            authorizationDetails(merged, path + " (its pages merged)", out);
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(source, node.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!node.isObject()) {
            throw new InputException(source + ": " + path + ": expected " + SHAPES + ", found "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        // A document of its own is named after its file, and its place when the file holds several: gaad.json[2].
        String named = "$".equals(path) ? source : source + path.substring(1);
        if (node.has("Statement")) {
            out.add(new PolicyInput(named, named, PolicyInput.MANAGED, List.of(), node, null));
        } else if (node.has("PolicyVersion")) {
            JsonNode version = node.get("PolicyVersion");
            out.add(version.has("Document")
                    ? new PolicyInput(named, named, PolicyInput.MANAGED, List.of(), version.get("Document"), null)
                    : new PolicyInput(named, named, PolicyInput.MANAGED, List.of(), null,
                            path + ".PolicyVersion.Document: expected a policy document, found none"));
        } else if (isDetails(node)) {
            authorizationDetails(node, path, out);
        } else if (node.has(BUNDLE_KEY)) {
            // An import bundle (docs/import-format.md): its authorization details, one output or an array of pages.
            collect(source, node.get(BUNDLE_KEY), path + "['" + BUNDLE_KEY + "']", out);
        } else {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            throw new InputException(source + ": " + path + ": expected " + SHAPES + ", found an object with "
                    + (keys.isEmpty() ? "no keys" : "keys " + keys));
        }
    }

    private static boolean isDetails(JsonNode node) {
        return node.isObject() && !node.has("Statement") && !node.has("PolicyVersion")
                && DETAIL_LISTS.stream().anyMatch(node::has);
    }

    private static boolean allDetails(JsonNode array) {
        for (JsonNode element : array) {
            if (!isDetails(element)) {
                return false;
            }
        }
        return true;
    }

    // Managed policies first, in file order, then the inline policies of each holder list.
    private static void authorizationDetails(JsonNode details, String path, List<PolicyInput> out) {
        Map<String, List<String>> attached = new LinkedHashMap<>();
        for (String list : HOLDER_LISTS) {
            for (JsonNode holder : details.path(list)) {
                for (JsonNode a : holder.path("AttachedManagedPolicies")) {
                    attached.computeIfAbsent(a.path("PolicyArn").asText(), k -> new ArrayList<>())
                            .add(holder.path("Arn").asText());
                }
            }
        }
        JsonNode policies = details.path("Policies");
        for (int i = 0; i < policies.size(); i++) {
            JsonNode p = policies.get(i);
            String arn = p.path("Arn").asText();
            String name = p.path("PolicyName").asText(arn);
            List<String> holders = attached.getOrDefault(arn, List.of());
            JsonNode document = defaultVersion(p);
            out.add(document != null ? new PolicyInput(arn, name, PolicyInput.MANAGED, holders, document, null)
                    : new PolicyInput(arn, name, PolicyInput.MANAGED, holders, null, path + ".Policies[" + i
                            + "].PolicyVersionList: expected the default version ("
                            + p.path("DefaultVersionId").asText("IsDefaultVersion true") + ") with a Document, found none"));
        }
        Map<String, String> inlineLists = Map.of("UserDetailList", "UserPolicyList", "GroupDetailList",
                "GroupPolicyList", "RoleDetailList", "RolePolicyList");
        for (String list : HOLDER_LISTS) {
            JsonNode holders = details.path(list);
            for (int h = 0; h < holders.size(); h++) {
                String holderArn = holders.get(h).path("Arn").asText();
                JsonNode inline = holders.get(h).path(inlineLists.get(list));
                for (int k = 0; k < inline.size(); k++) {
                    JsonNode document = inline.get(k).get("PolicyDocument");
                    out.add(new PolicyInput(holderArn, inline.get(k).path("PolicyName").asText(), PolicyInput.INLINE,
                            List.of(holderArn), document, document != null ? null : path + "." + list + "[" + h
                                    + "]." + inlineLists.get(list) + "[" + k + "].PolicyDocument: expected a policy"
                                    + " document, found none"));
                }
            }
        }
    }

    private static JsonNode defaultVersion(JsonNode policy) {
        String wanted = policy.path("DefaultVersionId").asText(null);
        for (JsonNode v : policy.path("PolicyVersionList")) {
            boolean isDefault = v.path("IsDefaultVersion").asBoolean(false)
                    || wanted != null && wanted.equals(v.path("VersionId").asText(null));
            if (isDefault && v.has("Document")) {
                return v.get("Document");
            }
        }
        return null;
    }

    // The tree as ObjectMapper would build it (ints as int nodes, decimals as doubles), without starting a mapper:
    // a one-shot command pays for every class it loads.
    private static JsonNode tree(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String key = p.currentName();
                    object.set(key, tree(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(tree(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            default:
                throw new IllegalStateException("expected a JSON value, found token " + token);
        }
    }
}
