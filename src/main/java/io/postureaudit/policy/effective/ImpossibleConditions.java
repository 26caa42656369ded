package io.postureaudit.policy.effective;

import io.postureaudit.policy.eval.ConditionEvaluator;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.eval.RequestContext;
import io.postureaudit.policy.model.Condition;
import io.postureaudit.policy.model.ConditionOperator;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PrincipalSpec;
import io.postureaudit.policy.model.Statement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Statements whose condition can never be true for one principal, so they grant (or deny) nothing: a date operator
 * on {@code aws:CurrentTime} / {@code aws:EpochTime} / {@code aws:TokenIssueTime} asking for a time already past, a
 * test of the principal's own known values ({@code aws:PrincipalArn}, {@code aws:username}, {@code aws:userid},
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, a user's {@code aws:PrincipalTag/*}) that excludes it,
 * {@code aws:SourceAccount} / {@code aws:SourceArn} (present only when a service calls on a resource's behalf, never
 * for a user or role acting itself), and {@code aws:MultiFactorAuthPresent} for a role only services can assume.
 * Conditions on anything else (source IP, VPC endpoint, request tags) may hold and leave the grant conditional.
 */
public final class ImpossibleConditions {

    // Role sessions last at most 12 hours (36 for GetSessionToken): a token in use now was issued no earlier.
    private static final Duration LONGEST_SESSION = Duration.ofHours(36);
    private static final Set<String> SOURCE_KEYS = Set.of("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid",
            "aws:sourceorgpaths", "aws:sourceowner");

    /** What is known about the principal whose requests the policies would authorise. */
    public record Principal(String arn, String type, String accountId, String userName, String userId,
            Map<String, String> tags, boolean serviceOnlyTrust) {

        /** Known values of an IAM user or role from its snapshot entry; null for other principal types. */
        public static Principal of(PrincipalPolicies p) {
            Map<String, Object> data = p.source() == null ? Map.of() : p.source().data();
            Map<String, String> tags = new HashMap<>();
            if (data.get("tags") instanceof Map<?, ?> t) {
                t.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
            }
            return switch (p.type()) {
                case "iam.user" -> new Principal(p.arn(), "User", p.accountId(), p.name(),
                        data.get("userId") == null ? null : String.valueOf(data.get("userId")), tags, false);
                case "iam.role" -> new Principal(p.arn(), "AssumedRole", p.accountId(), null, null, tags,
                        serviceOnly(p.trust()));
                default -> null;
            };
        }

        private static boolean serviceOnly(PolicyDocument trust) {
            if (trust == null) {
                return false;
            }
            boolean any = false;
            for (Statement s : trust.statements()) {
                if (s.effect() != io.postureaudit.policy.model.Effect.ALLOW) {
                    continue;
                }
                PrincipalSpec spec = s.principal();
                if (spec == null || s.notPrincipal() || spec.anyone()) {
                    return false;
                }
                for (String kind : spec.byKind().keySet()) {
                    if (!"Service".equals(kind)) {
                        return false;
                    }
                }
                any = true;
            }
            return any;
        }
    }

    /** A statement taken out, and why it can never hold. */
    public record Removed(String policy, String statement, String reason) {
    }

    /** The policies without their impossible statements (a policy left unchanged is the same object). */
    public record Result(List<NamedPolicy> policies, List<Removed> removed) {
    }

    private ImpossibleConditions() {
    }

    /** @param principal null to judge only what holds for everyone (time and source keys) */
    public static Result filter(List<NamedPolicy> policies, Principal principal, Instant now) {
        List<NamedPolicy> out = new ArrayList<>(policies.size());
        List<Removed> removed = new ArrayList<>();
        for (NamedPolicy policy : policies) {
            List<Statement> kept = new ArrayList<>();
            for (Statement s : policy.document().statements()) {
                String reason = never(s, policy.document().supportsVariables(), principal, now);
                if (reason == null) {
                    kept.add(s);
                } else {
                    removed.add(new Removed(policy.name(), s.label(), reason));
                }
            }
            out.add(kept.size() == policy.document().statements().size() ? policy : new NamedPolicy(policy.name(),
                    new PolicyDocument(policy.document().version(), policy.document().id(), kept)));
        }
        return new Result(out, removed);
    }

    /** Why {@code s} can never hold for the principal, or null when it may. */
    static String never(Statement s, boolean variables, Principal principal, Instant now) {
        for (Condition c : s.conditions()) {
            String reason = never(c, variables, principal, now);
            if (reason != null) {
                return c.operatorName() + " " + c.key() + " " + c.values() + ": " + reason;
            }
        }
        return null;
    }

    private static String never(Condition c, boolean variables, Principal principal, Instant now) {
        String key = c.key().toLowerCase(Locale.ROOT);
        if (c.values().stream().anyMatch(v -> v.contains("${"))) {
            return null;
        }
        switch (key) {
            case "aws:currenttime", "aws:epochtime" -> {
                return before(c, now) ? "that time has passed" : null;
            }
            case "aws:tokenissuetime" -> {
                // Long-term keys carry no token at all: then only IfExists lets the statement apply.
                return before(c, now.minus(LONGEST_SESSION)) && !c.ifExists()
                        ? "no session token in use can have been issued then" : null;
            }
            default -> {
            }
        }
        if (SOURCE_KEYS.contains(key)) {
            return holds(c, Map.of(), variables) ? null
                    : "the key is only present when a service acts for a resource, never for this principal";
        }
        if (principal == null) {
            return null;
        }
        Map<String, Object> known = new HashMap<>();
        boolean decidable;
        switch (key) {
            case "aws:principalarn" -> {
                known.put(c.key(), principal.arn());
                decidable = true;
            }
            case "aws:principalaccount" -> {
                known.put(c.key(), principal.accountId());
                decidable = true;
            }
            case "aws:principaltype" -> {
                known.put(c.key(), principal.type());
                decidable = true;
            }
            case "aws:username" -> {
                // Only IAM users carry it; a role session never does.
                if (principal.userName() != null) {
                    known.put(c.key(), principal.userName());
                }
                decidable = true;
            }
            case "aws:userid" -> {
                decidable = principal.userId() != null;
                if (decidable) {
                    known.put(c.key(), principal.userId());
                }
            }
            case "aws:multifactorauthpresent" -> {
                // Services assume roles without MFA, so the key is absent from such a role's sessions.
                decidable = principal.serviceOnlyTrust();
            }
            default -> {
                // A user's tags are its principal tags; a role session may add session tags, so only users decide.
                decidable = key.startsWith("aws:principaltag/") && "User".equals(principal.type());
                if (decidable) {
                    String tag = c.key().substring("aws:PrincipalTag/".length());
                    principal.tags().forEach((k, v) -> {
                        if (k.equals(tag)) {
                            known.put(c.key(), v);
                        }
                    });
                }
            }
        }
        if (!decidable || holds(c, known, variables)) {
            return null;
        }
        return known.isEmpty() ? "this principal's requests never carry the key"
                : "this principal's value " + known.values() + " never matches";
    }

    private static boolean holds(Condition c, Map<String, Object> keys, boolean variables) {
        return ConditionEvaluator.holds(c, RequestContext.of(null, "sts:GetCallerIdentity", "*", null, keys), variables);
    }

    /** Does a date or epoch test ask for a time before {@code earliest} only (so no request from now on can pass)? */
    private static boolean before(Condition c, Instant earliest) {
        ConditionOperator op = c.operator();
        boolean lessThan = op == ConditionOperator.DATE_LESS_THAN || op == ConditionOperator.DATE_LESS_THAN_EQUALS
                || op == ConditionOperator.DATE_EQUALS || op == ConditionOperator.NUMERIC_LESS_THAN
                || op == ConditionOperator.NUMERIC_LESS_THAN_EQUALS || op == ConditionOperator.NUMERIC_EQUALS;
        if (!lessThan || c.set() != Condition.SetQualifier.NONE || c.values().isEmpty()) {
            return false;
        }
        for (String v : c.values()) {
            Instant t = time(v);
            if (t == null || !t.isBefore(earliest)) {
                return false;
            }
        }
        return true;
    }

    /** ISO-8601 date or date-time, or seconds since the epoch, as the Date operators accept; null when neither. */
    static Instant time(String value) {
        String v = value.trim();
        try {
            if (v.matches("\\d{1,12}(\\.\\d+)?")) {
                return Instant.ofEpochSecond(new BigDecimal(v).longValue());
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$") ? v : v + "Z")
                    .toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
