package io.postureaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.drift.Effect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-week history with known numbers, written the way the service stores it: four scans (one before the period
 * 2026-03-02..2026-03-15 Asia/Tokyo, two in it, one after), posture scores, findings with their status history,
 * principal analyses, GuardDuty and WAF resource versions seen by each scan, and change records. The numbers the tests expect are
 * worked out in the comments next to each row.
 */
final class SeededHistory {

    static final String PROD = "444400000001";
    static final String STAGING = "444400000002";
    static final String FROM = "2026-03-02";
    static final String TO = "2026-03-15";
    /** Period start and end: 2026-03-02T00:00+09:00 and 2026-03-16T00:00+09:00. */
    static final Instant START = Instant.parse("2026-03-01T15:00:00Z");
    static final Instant END = Instant.parse("2026-03-15T15:00:00Z");

    static final Instant S0 = Instant.parse("2026-02-25T01:00:00Z");
    static final Instant S1 = Instant.parse("2026-03-05T01:00:00Z");
    static final Instant S2 = Instant.parse("2026-03-12T01:00:00Z");
    static final Instant S3 = Instant.parse("2026-03-20T01:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, Long> scans = new HashMap<>();
    final Map<String, Long> findings = new HashMap<>();
    private final Connection c;

    private SeededHistory(Connection c) {
        this.c = c;
    }

    static SeededHistory plant(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SeededHistory h = new SeededHistory(c);
            h.plantAll();
            return h;
        }
    }

    static boolean planted(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from scan where started_at = ?")) {
            s.setObject(1, Timestamp.from(S0));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private void plantAll() throws SQLException {
        exec("insert into account (id, name) values (?, 'prod'), (?, 'staging') on conflict do nothing", PROD, STAGING);
        scan("S0", S0);
        scan("S1", S1);
        scan("S2", S2);
        scan("S3", S3);
        scores();
        findingsAndHistory();
        principals();
        estate();
        changes();
        coverage();
    }

    /**
     * IaC coverage: prod 40/50 at S0 (80.0 entering), 42/50 at S1, 45/50 at S2 (90.0 leaving, +10.0), 50/50 at S3
     * (after: ignored); staging first measured at S2, 3/10 with a state unreadable (no start, 30.0, incomplete).
     */
    private void coverage() throws SQLException {
        for (Object[] row : new Object[][] {{"S0", PROD, 40, 50, true}, {"S1", PROD, 42, 50, true},
                {"S2", PROD, 45, 50, true}, {"S3", PROD, 50, 50, true}, {"S2", STAGING, 3, 10, false}}) {
            String scan = (String) row[0];
            exec("insert into terraform_coverage (scan_id, account_id, covered, counted, states_complete, computed_at) "
                    + "values (?, ?, ?, ?, ?, ?)", scans.get(scan), row[1], row[2], row[3], row[4],
                    scanTime(scan).plusSeconds(300));
        }
    }

    /**
     * Change records as the drift engine writes them. In the period: prod created 1 (role deployer, S1) and
     * modified 3 (legacy-admin's trust opened to 999900000000 at S1, the WAF ACL at S1, policy deploy at S2);
     * staging deleted 1 (a KMS key at S2) and modified 1 cosmetically (not counted). Outside: a creation at S0
     * and a deletion at S3. Changes of access, in order: deployer, legacy-admin, deploy.
     */
    private void changes() throws SQLException {
        String role = "arn:aws:iam::" + PROD + ":role/";
        change("S1", "S0", PROD, "iam.role", role + "deployer", "deployer", "created", false,
                effect(List.of("*"), List.of(), List.of(), List.of("admin"), List.of(), List.of(role + "deployer")));
        change("S1", "S0", PROD, "iam.role", role + "legacy-admin", "legacy-admin", "modified", false,
                effect(List.of(), List.of(), List.of("arn:aws:iam::999900000000:root"), List.of(), List.of(),
                        List.of(role + "legacy-admin")));
        change("S1", "S0", PROD, "waf.web-acl", "arn:aws:wafv2:ap-northeast-1:" + PROD + ":regional/webacl/app-acl/1",
                "app-acl", "modified", false, null);
        change("S2", "S1", PROD, "iam.policy", "arn:aws:iam::" + PROD + ":policy/deploy", "deploy", "modified", false,
                effect(List.of("iam:CreatePolicyVersion"), List.of("s3:*"), List.of(), List.of(),
                        List.of("iam-create-policy-version"), List.of("arn:aws:iam::" + PROD + ":user/ci")));
        change("S2", "S1", STAGING, "kms.key", "arn:aws:kms:ap-northeast-1:" + STAGING + ":key/k1", "k1", "deleted",
                false, null);
        change("S2", "S1", STAGING, "iam.policy", "arn:aws:iam::" + STAGING + ":policy/tidy", "tidy", "modified",
                true, effect(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        change("S0", "S0", PROD, "guardduty.detector", "arn:aws:guardduty:ap-northeast-1:" + PROD + ":detector/d",
                "d", "created", false, null);
        change("S3", "S2", PROD, "iam.role", role + "deployer", "deployer", "deleted", false,
                effect(List.of(), List.of("*"), List.of(), List.of(), List.of(), List.of(role + "deployer")));
    }

    private static String effect(List<String> granted, List<String> revoked, List<String> trustAdded,
            List<String> risksAdded, List<String> escalationsAdded, List<String> principals) {
        try {
            return JSON.writeValueAsString(new Effect(granted, revoked, trustAdded, List.of(), risksAdded, List.of(),
                    principals, escalationsAdded, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void change(String scan, String previous, String account, String type, String arn, String name,
            String change, boolean cosmetic, String effect) throws SQLException {
        exec("insert into resource_change (scan_id, previous_scan_id, account_id, region, resource_type, resource_arn, "
                + "name, change, cosmetic, fields, effect, detected_at) values (?, ?, ?, 'ap-northeast-1', ?, ?, ?, ?, ?, "
                + "'[]'::jsonb, ?::jsonb, ?)", scans.get(scan), scans.get(previous), account, type, arn, name, change,
                cosmetic, effect, scanTime(scan).plusSeconds(300));
    }

    private void scan(String name, Instant at) throws SQLException {
        long id = id("insert into scan (trigger, status, started_at, finished_at) values ('api', 'succeeded', ?, ?) "
                + "returning id", at, at.plusSeconds(300));
        scans.put(name, id);
        exec("insert into scan_account (scan_id, account_id, status) values (?, ?, 'succeeded'), (?, ?, 'succeeded')",
                id, PROD, id, STAGING);
    }

    /**
     * prod: 80.0 at S0 (before), 85.0 at S1, 90.0 at S2, 100 at S3 (after: ignored) → start 80.0, end 90.0, +10.0.
     * staging: 90.0 at S0, nothing at S1, 80.0 at S2 → start 90.0, end 80.0, −10.0.
     */
    private void scores() throws SQLException {
        score("S0", PROD, "prod", 1000, 200);
        score("S0", STAGING, "staging", 500, 50);
        score("S1", PROD, "prod", 1000, 150);
        score("S2", PROD, "prod", 1000, 100);
        score("S2", STAGING, "staging", 500, 100);
        score("S3", PROD, "prod", 1000, 0);
    }

    private void score(String scan, String account, String environment, long checked, long failing)
            throws SQLException {
        double score = 100.0 * (checked - failing) / checked;
        exec("insert into posture_score (scan_id, account_id, environment, score, checked_weight, failing_weight, "
                + "open_critical, open_high, open_medium, open_low, open_info, computed_at) "
                + "values (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)", scans.get(scan), account, environment, score, checked,
                failing, scanTime(scan).plusSeconds(600));
    }

    /**
     * In the period: opened F2, F5, F7 (3); resolved F3, F7 (2); reopened F4 (1); suppressed F5 (1).
     * Open at the end: F1 critical, F2 and F4 high. F6 opens after the period.
     */
    private void findingsAndHistory() throws SQLException {
        finding("F1", "iam_root_access_key_exists", "Root user has an active access key", "critical", "open", PROD,
                "global", "iam.account", "arn:aws:iam::" + PROD + ":root", S0, null);
        history("F1", null, "open", "opened", S0, "scan", null);

        finding("F2", "iam_user_console_without_mfa", "IAM user with a console password has no MFA device", "high",
                "open", PROD, "global", "iam.user", "arn:aws:iam::" + PROD + ":user/alice", S1, null);
        history("F2", null, "open", "opened", S1, "scan", null);

        finding("F3", "kms_key_rotation_disabled", "Customer managed KMS key has automatic rotation disabled",
                "medium", "resolved", STAGING, "ap-northeast-1", "kms.key",
                "arn:aws:kms:ap-northeast-1:" + STAGING + ":key/1111", S0, null);
        history("F3", null, "open", "opened", S0, "scan", null);
        history("F3", "open", "resolved", "resolved", S1, "scan", null);

        finding("F4", "guardduty_high_severity_finding_open", "High-severity GuardDuty finding open for more than 7 days",
                "high", "open", STAGING, "ap-northeast-1", "guardduty.finding",
                "arn:aws:guardduty:ap-northeast-1:" + STAGING + ":detector/d1/finding/g4", S0.plusSeconds(1800), null);
        history("F4", null, "open", "opened", S0.plusSeconds(1800), "scan", null);
        history("F4", "open", "resolved", "resolved", Instant.parse("2026-02-27T01:00:00Z"), "scan", null);
        history("F4", "resolved", "open", "reopened", S2, "scan", null);

        finding("F5", "iam_user_access_key_not_rotated", "IAM user access key is older than 90 days", "medium",
                "suppressed", PROD, "global", "iam.user", "arn:aws:iam::" + PROD + ":user/ci", S1,
                Instant.parse("2026-03-20T00:00:00Z"));
        history("F5", null, "open", "opened", S1, "scan", null);
        history("F5", "open", "suppressed", "suppressed", Instant.parse("2026-03-06T03:00:00Z"), "alice",
                "accepted until the <migration> | ends");

        finding("F6", "kms_key_rotation_disabled", "Customer managed KMS key has automatic rotation disabled",
                "medium", "open", PROD, "ap-northeast-1", "kms.key", "arn:aws:kms:ap-northeast-1:" + PROD + ":key/2222",
                Instant.parse("2026-03-16T01:00:00Z"), null);
        history("F6", null, "open", "opened", Instant.parse("2026-03-16T01:00:00Z"), "scan", null);

        finding("F7", "iam_user_console_without_mfa", "IAM user with a console password has no MFA device", "high",
                "resolved", PROD, "global", "iam.user", "arn:aws:iam::" + PROD + ":user/bob", S1, null);
        history("F7", null, "open", "opened", S1, "scan", null);
        history("F7", "open", "resolved", "resolved", S2, "scan", null);
    }

    private void finding(String key, String rule, String title, String severity, String status, String account,
            String region, String type, String arn, Instant firstSeen, Instant expires) throws SQLException {
        long id = id("insert into finding (fingerprint, rule_id, title, severity, status, account_id, region, "
                + "resource_type, resource_arn, message, first_seen, last_seen, last_scan_id, suppressed_by, "
                + "suppressed_at, suppress_reason, suppress_expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?) returning id", String.format("%064d", key.hashCode() & 0xffffff), rule, title, severity,
                status, account, region, type, arn, title + ".", firstSeen, firstSeen, scans.get("S0"),
                expires == null ? null : "alice", expires == null ? null : Instant.parse("2026-03-06T03:00:00Z"),
                expires == null ? null : "accepted until the <migration> | ends", expires);
        findings.put(key, id);
    }

    private void history(String key, String from, String to, String event, Instant at, String actor, String reason)
            throws SQLException {
        exec("insert into finding_history (finding_id, from_status, to_status, event, actor, reason, at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", findings.get(key), from, to, event, actor, reason, at);
    }

    /**
     * S0: legacy-admin 40, ci 70, reader 95. S2: legacy-admin 10 (admin), ci 30 (can escalate by
     * iam-create-policy-version), reader 95 (unused ec2, kms, sqs), new-role 50 (new). S3: legacy-admin 100.
     * Riskiest: legacy-admin, ci, new-role. Changes: ci −40, legacy-admin −30. Escalation path: ci.
     */
    private void principals() throws SQLException {
        String admin = "[{\"category\":\"admin\",\"detail\":\"Full administrator: every action on every resource "
                + "without conditions.\",\"evidence\":[{\"policy\":\"ops-everything\",\"statement\":\"Everything\"}]}]";
        String escalation = "[{\"category\":\"privilege-escalation\",\"detail\":\"Create a new default version of a "
                + "managed policy (iam-create-policy-version: [iam:CreatePolicyVersion]).\",\"evidence\":"
                + "[{\"policy\":\"deploy\",\"statement\":\"Statement[0]\"}]}]";
        String exfiltration = "[{\"category\":\"data-exfiltration\",\"detail\":\"Can read data on every resource "
                + "with s3:GetObject.\",\"evidence\":[{\"policy\":\"AmazonS3ReadOnlyAccess\",\"statement\":\"Statement[0]\"}]}]";
        String role = "arn:aws:iam::" + PROD + ":role/legacy-admin";
        String ci = "arn:aws:iam::" + PROD + ":user/ci";
        String reader = "arn:aws:iam::" + STAGING + ":role/reader";
        String fresh = "arn:aws:iam::" + STAGING + ":role/new-role";
        analysis("S0", PROD, role, "iam.role", "legacy-admin", 40, admin, "{}", null);
        analysis("S0", PROD, ci, "iam.user", "ci", 70, "[]", "{}", null);
        analysis("S0", STAGING, reader, "iam.role", "reader", 95, "[]", "{}", null);
        analysis("S2", PROD, role, "iam.role", "legacy-admin", 10, admin, "{\"escalationMethods\":[]}", null);
        analysis("S2", PROD, ci, "iam.user", "ci", 30, escalation,
                "{\"escalationMethods\":[\"iam-create-policy-version\"]}", null);
        analysis("S2", STAGING, reader, "iam.role", "reader", 95, "[]", "{}",
                "{\"basis\":\"service last accessed, 90 days\",\"keptServices\":[\"s3\"],"
                        + "\"removedServices\":[\"ec2\",\"kms\",\"sqs\"],\"document\":{}}");
        analysis("S2", STAGING, fresh, "iam.role", "new-role", 50, exfiltration, "{}", null);
        analysis("S3", PROD, role, "iam.role", "legacy-admin", 100, "[]", "{}", null);
    }

    private void analysis(String scan, String account, String arn, String type, String name, int score, String risks,
            String facts, String suggestion) throws SQLException {
        String hash = String.format("%064x", (scan + arn + score).hashCode() & 0xffffffffL);
        exec("insert into principal_analysis_content (content_hash, type, name, risks, facts, suggestion, unresolved, "
                + "errors) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, '[]', '[]') on conflict do nothing",
                hash, type, name, risks, facts, suggestion);
        exec("insert into principal_analysis (scan_id, account_id, arn, score, content_hash) values (?, ?, ?, ?, ?)",
                scans.get(scan), account, arn, score, hash);
    }

    /**
     * At S2: prod Tokyo detector enabled (S3_DATA_EVENTS enabled, EKS_AUDIT_LOGS disabled, one auto-archive
     * filter), prod us-east-1 detector off, staging Tokyo enabled (S3_DATA_EVENTS disabled, RDS_LOGIN_EVENTS
     * enabled). Active GuardDuty findings: High 2 (both created in the period), Low 1 (created before it);
     * an archived one does not count. WAF: prod app-acl (2 resources, common rule set in Count, no logging),
     * staging api-acl (associations not read, logging on). S0 and S3 hold other versions that must not show.
     */
    private void estate() throws SQLException {
        String detectorOn = "{\"enabled\":true,\"features\":[{\"name\":\"S3_DATA_EVENTS\",\"status\":\"ENABLED\"},"
                + "{\"name\":\"EKS_AUDIT_LOGS\",\"status\":\"DISABLED\"}],\"filters\":[{\"name\":\"archive-low\","
                + "\"action\":\"ARCHIVE\",\"autoArchive\":true,\"rank\":1,\"findingCriteria\":{\"criterion\":"
                + "{\"severity\":{\"lt\":4}}}}]}";
        String detectorOld = "{\"enabled\":false,\"features\":[],\"filters\":[]}";
        long prodTokyo = resource(PROD, "ap-northeast-1", "guardduty.detector", "d-prod", "arn:aws:guardduty:"
                + "ap-northeast-1:" + PROD + ":detector/d-prod");
        seen("S0", prodTokyo, detectorOld);
        seen("S1", prodTokyo, detectorOld);
        seen("S2", prodTokyo, detectorOn);
        seen("S3", prodTokyo, detectorOld);
        long prodVirginia = resource(PROD, "us-east-1", "guardduty.detector", "us-east-1",
                "arn:aws:guardduty:us-east-1:" + PROD + ":detector/none");
        seen("S2", prodVirginia, detectorOld);
        long stagingTokyo = resource(STAGING, "ap-northeast-1", "guardduty.detector", "d-staging",
                "arn:aws:guardduty:ap-northeast-1:" + STAGING + ":detector/d-staging");
        seen("S2", stagingTokyo, "{\"enabled\":true,\"features\":[{\"name\":\"S3_DATA_EVENTS\",\"status\":"
                + "\"DISABLED\"},{\"name\":\"RDS_LOGIN_EVENTS\",\"status\":\"ENABLED\"}],\"filters\":[]}");
        gdFinding(PROD, "g1", "Recon:EC2/PortProbeUnprotectedPort", "Low", "2026-02-20T00:00:00Z", false);
        gdFinding(PROD, "g2", "UnauthorizedAccess:IAMUser/MaliciousIPCaller", "High", "2026-03-10T00:00:00Z", false);
        gdFinding(PROD, "g3", "UnauthorizedAccess:IAMUser/MaliciousIPCaller", "High", "2026-03-11T00:00:00Z", true);
        gdFinding(STAGING, "g4", "CryptoCurrency:EC2/BitcoinTool.B!DNS", "High", "2026-03-13T00:00:00Z", false);

        long app = resource(PROD, "ap-northeast-1", "waf.web-acl", "app-acl",
                "arn:aws:wafv2:ap-northeast-1:" + PROD + ":regional/webacl/app-acl/1");
        seen("S2", app, "{\"name\":\"app-acl\",\"defaultAction\":\"ALLOW\",\"rules\":[{\"name\":"
                + "\"AWSManagedRulesCommonRuleSet\",\"action\":null,\"overrideAction\":\"COUNT\"},{\"name\":"
                + "\"rate-limit\",\"action\":\"BLOCK\",\"overrideAction\":null}],\"associationsRead\":true,"
                + "\"associatedResources\":[\"arn:aws:elasticloadbalancing:ap-northeast-1:" + PROD
                + ":loadbalancer/app/web/1\",\"arn:aws:apigateway:ap-northeast-1::/restapis/abc/stages/prod\"],"
                + "\"loggingRead\":true,\"logging\":null}");
        seen("S3", app, "{\"name\":\"app-acl\",\"defaultAction\":\"BLOCK\",\"rules\":[],\"associationsRead\":true,"
                + "\"associatedResources\":[],\"loggingRead\":true,\"logging\":{\"destinations\":[\"x\"]}}");
        long api = resource(STAGING, "ap-northeast-1", "waf.web-acl", "api-acl",
                "arn:aws:wafv2:ap-northeast-1:" + STAGING + ":regional/webacl/api-acl/2");
        seen("S2", api, "{\"name\":\"api-acl\",\"defaultAction\":\"BLOCK\",\"rules\":[],\"associationsRead\":false,"
                + "\"associatedResources\":[],\"loggingRead\":true,\"logging\":{\"destinations\":"
                + "[\"arn:aws:firehose:ap-northeast-1:" + STAGING + ":deliverystream/aws-waf-logs-api\"]}}");
    }

    private void gdFinding(String account, String id, String type, String label, String created, boolean archived)
            throws SQLException {
        long r = resource(account, "ap-northeast-1", "guardduty.finding", id,
                "arn:aws:guardduty:ap-northeast-1:" + account + ":detector/d/finding/" + id);
        seen("S2", r, "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"severityLabel\":\"" + label
                + "\",\"createdAt\":\"" + created + "\",\"archived\":" + archived + "}");
    }

    private long resource(String account, String region, String type, String name, String arn) throws SQLException {
        return id("insert into resource (arn, type, account_id, region, name, first_seen, last_seen, last_scan_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?) returning id", arn, type, account, region, name, S0, S2,
                scans.get("S2"));
    }

    private void seen(String scan, long resource, String data) throws SQLException {
        long version = id("insert into resource_version (resource_id, content_hash, data, first_scan_id, created_at) "
                + "values (?, ?, ?::jsonb, ?, ?) on conflict (resource_id, content_hash) do update set data = "
                + "excluded.data returning id", resource, String.format("%064x", data.hashCode() & 0xffffffffL), data,
                scans.get(scan), scanTime(scan));
        exec("insert into scan_resource (scan_id, resource_version_id) values (?, ?)", scans.get(scan), version);
    }

    private Instant scanTime(String scan) {
        return switch (scan) {
            case "S0" -> S0;
            case "S1" -> S1;
            case "S2" -> S2;
            default -> S3;
        };
    }

    private long id(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params)) {
            s.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            s.setObject(i + 1, p instanceof Instant at ? Timestamp.from(at) : p);
        }
        return s;
    }
}
