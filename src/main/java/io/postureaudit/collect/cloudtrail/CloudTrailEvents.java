package io.postureaudit.collect.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/**
 * Reads one LookupEvents event: whether it changed something, and who made it (from the full record in
 * {@code CloudTrailEvent}: {@code userIdentity}, {@code sourceIPAddress}, {@code userAgent}).
 */
final class CloudTrailEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASSUMED = Pattern.compile("^arn:[^:]+:sts::\\d{12}:assumed-role/([^/]+)/(.+)$");
    private static final Pattern READ = Pattern.compile("^(Get|List|Describe|Lookup|Head|BatchGet|Search|Generate"
            + "CredentialReport|GenerateServiceLastAccessedDetails)");

    private CloudTrailEvents() {
    }

    /** Mutating calls only: a read of the resource (our own scan's, too) is not what changed it. */
    static boolean changes(Event event, JsonNode record) {
        JsonNode readOnly = record.get("readOnly");
        if (readOnly != null && !readOnly.isNull()) {
            return !readOnly.asBoolean();
        }
        return event.eventName() != null && !READ.matcher(event.eventName()).find();
    }

    static JsonNode record(Event event) {
        if (event.cloudTrailEvent() == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(event.cloudTrailEvent());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static Actor actor(Event event, JsonNode record) {
        JsonNode identity = record.path("userIdentity");
        String principal = text(identity, "arn");
        String userName = userName(identity, principal, event.username());
        String time = event.eventTime() != null ? event.eventTime().toString() : text(record, "eventTime");
        return new Actor(principal, userName, event.eventName(), time, text(record, "sourceIPAddress"),
                text(record, "userAgent"));
    }

    /**
     * An Identity Center session is {@code assumed-role/AWSReservedSSO_<set>_<hash>/<user name>}: the person is the
     * session name. Other role sessions are named by whoever assumed them; an IAM user has its user name.
     */
    static String userName(JsonNode identity, String principal, String fallback) {
        if (principal != null) {
            Matcher m = ASSUMED.matcher(principal);
            if (m.matches()) {
                return m.group(2);
            }
        }
        String type = text(identity, "type");
        if ("IAMUser".equals(type) && text(identity, "userName") != null) {
            return text(identity, "userName");
        }
        if ("Root".equals(type)) {
            return "root";
        }
        return fallback;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
