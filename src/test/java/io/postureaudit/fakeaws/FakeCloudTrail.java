package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * CloudTrail event history over JSON 1.1 ({@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.*}):
 * {@code LookupEvents} with one lookup attribute, a time window, newest first, paged by {@code NextToken} —
 * per account and region, as CloudTrail keeps it. Events are planted in the shape CloudTrail records them.
 */
public final class FakeCloudTrail extends FakeJsonService {

    public static final String TERRAFORM_AGENT = "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) "
            + "terraform-provider-aws/5.74.0 (+https://registry.terraform.io/providers/hashicorp/aws) "
            + "aws-sdk-go-v2/1.32.2 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/iam#1.37.3";
    public static final String CONSOLE_AGENT = "AWS Internal";

    public FakeCloudTrail() {
        super("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    }

    @SuppressWarnings("unchecked")
    public List<ObjectNode> events(String accountId, String region) {
        return state(accountId, region, () -> new java.util.concurrent.CopyOnWriteArrayList<ObjectNode>());
    }

    /**
     * Plants one event as LookupEvents returns it; {@code caller} is an IAM user or assumed-role ARN.
     *
     * @param resources {@code type=name} pairs, e.g. {@code AWS::IAM::Role=deploy}
     */
    public ObjectNode event(String accountId, String region, String eventSource, String eventName, Instant time,
            String caller, String sourceIp, String userAgent, boolean readOnly, String... resources) {
        ObjectNode identity = JSON.createObjectNode();
        String userName;
        if (caller.contains(":assumed-role/")) {
            String[] parts = caller.substring(caller.indexOf(":assumed-role/") + 14).split("/", 2);
            identity.put("type", "AssumedRole").put("principalId", "AROAFAKE" + Math.abs(parts[0].hashCode()) + ":"
                    + parts[1]).put("arn", caller).put("accountId", accountId).put("accessKeyId", "ASIAFAKE");
            ObjectNode issuer = identity.putObject("sessionContext").putObject("sessionIssuer");
            issuer.put("type", "Role").put("principalId", "AROAFAKE" + Math.abs(parts[0].hashCode()))
                    .put("arn", "arn:aws:iam::" + accountId + ":role/" + parts[0]).put("accountId", accountId)
                    .put("userName", parts[0]);
            userName = parts[1];
        } else {
            userName = caller.substring(caller.lastIndexOf('/') + 1);
            identity.put("type", "IAMUser").put("principalId", "AIDAFAKE").put("arn", caller)
                    .put("accountId", accountId).put("accessKeyId", "AKIAFAKE").put("userName", userName);
        }
        String id = UUID.randomUUID().toString();
        ObjectNode record = JSON.createObjectNode().put("eventVersion", "1.09");
        record.set("userIdentity", identity);
        record.put("eventTime", time.toString()).put("eventSource", eventSource).put("eventName", eventName)
                .put("awsRegion", region).put("sourceIPAddress", sourceIp).put("userAgent", userAgent)
                .put("requestID", UUID.randomUUID().toString()).put("eventID", id).put("readOnly", readOnly)
                .put("eventType", "AwsApiCall").put("managementEvent", true).put("recipientAccountId", accountId)
                .put("eventCategory", "Management");
        ObjectNode event = JSON.createObjectNode().put("EventId", id).put("EventName", eventName)
                .put("ReadOnly", String.valueOf(readOnly)).put("AccessKeyId", identity.path("accessKeyId").asText())
                .put("EventTime", time.getEpochSecond()).put("EventSource", eventSource).put("Username", userName);
        var list = event.putArray("Resources");
        for (String r : resources) {
            String[] kv = r.split("=", 2);
            list.addObject().put("ResourceType", kv[0]).put("ResourceName", kv[1]);
        }
        try {
            event.put("CloudTrailEvent", JSON.writeValueAsString(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        events(accountId, region).add(event);
        return event;
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        if (!operation.equals("LookupEvents")) {
            throw unknown(operation);
        }
        JsonNode attributes = body.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw new AwsFault(400, "InvalidLookupAttributesException", "You cannot specify more than one lookup "
                    + "attribute");
        }
        String key = attributes.size() == 0 ? null : attributes.get(0).path("AttributeKey").asText();
        String value = attributes.size() == 0 ? null : attributes.get(0).path("AttributeValue").asText();
        double from = body.path("StartTime").asDouble(0);
        double to = body.path("EndTime").asDouble(Double.MAX_VALUE);
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode e : events(request.accountId(), request.region())) {
            double time = e.get("EventTime").asDouble();
            if (time < from || time > to) {
                continue;
            }
            if (key == null || matches(e, key, value)) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparingDouble((ObjectNode e) -> e.get("EventTime").asDouble()).reversed());
        return paged(matching, body, "NextToken", "MaxResults", "Events");
    }

    private static boolean matches(ObjectNode e, String key, String value) {
        return switch (key) {
            case "ResourceName" -> {
                for (JsonNode r : e.path("Resources")) {
                    if (value.equals(r.path("ResourceName").asText())) {
                        yield true;
                    }
                }
                yield false;
            }
            case "EventName" -> value.equals(e.path("EventName").asText());
            case "Username" -> value.equals(e.path("Username").asText());
            case "ReadOnly" -> value.equals(e.path("ReadOnly").asText());
            default -> throw new AwsFault(400, "InvalidLookupAttributesException", "unsupported attribute " + key);
        };
    }
}
