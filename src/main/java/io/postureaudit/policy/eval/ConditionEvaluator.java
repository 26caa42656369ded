package io.postureaudit.policy.eval;

import io.postureaudit.policy.catalog.Wildcards;
import io.postureaudit.policy.model.Condition;
import io.postureaudit.policy.model.ConditionOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a statement's conditions against a request context the way IAM does: operators and keys are ANDed,
 * values of one key are ORed, negated operators match when no value matches (and when the key is absent),
 * {@code IfExists} passes on absent keys, and the set qualifiers decide how multivalued keys compare.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    /** True when every condition holds. {@code variables} tells whether policy variables are substituted. */
    public static boolean all(List<Condition> conditions, RequestContext ctx, boolean variables) {
        for (Condition c : conditions) {
            if (!holds(c, ctx, variables)) {
                return false;
            }
        }
        return true;
    }

    public static boolean holds(Condition c, RequestContext ctx, boolean variables) {
        List<String> request = ctx.values(c.key());
        boolean absent = request == null || request.isEmpty();
        if (c.operator() == ConditionOperator.NULL) {
            // "Null": "true" asks for the key to be absent, "false" for it to be present.
            for (String v : c.values()) {
                if (Boolean.parseBoolean(v) == absent) {
                    return true;
                }
            }
            return false;
        }
        List<String> policyValues = policyValues(c, ctx, variables);
        switch (c.set()) {
            case FOR_ALL_VALUES:
                // Vacuously true for an absent or empty key: the reason ForAllValues with Allow is risky.
                for (String v : absent ? List.<String>of() : request) {
                    if (!single(c.operator(), v, policyValues)) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                if (absent) {
                    return c.ifExists();
                }
                for (String v : request) {
                    if (single(c.operator(), v, policyValues)) {
                        return true;
                    }
                }
                return false;
            default:
                if (absent) {
                    return c.ifExists() || c.operator().negated();
                }
                if (c.operator().negated()) {
                    for (String v : request) {
                        if (!single(c.operator(), v, policyValues)) {
                            return false;
                        }
                    }
                    return true;
                }
                for (String v : request) {
                    if (single(c.operator(), v, policyValues)) {
                        return true;
                    }
                }
                return false;
        }
    }

    private static List<String> policyValues(Condition c, RequestContext ctx, boolean variables) {
        ConditionOperator.Family family = c.operator().family();
        if (!variables || family != ConditionOperator.Family.STRING && family != ConditionOperator.Family.ARN) {
            return c.values();
        }
        List<String> out = new ArrayList<>(c.values().size());
        for (String v : c.values()) {
            String substituted = PolicyVariables.substitute(v, ctx);
            if (substituted != null) {
                out.add(substituted);
            }
        }
        return out;
    }

    /**
     * One request value against the policy values for the operator: positive operators need a matching policy value,
     * negated ones need none.
     */
    static boolean single(ConditionOperator op, String requestValue, List<String> policyValues) {
        boolean any = false;
        for (String p : policyValues) {
            if (positive(op, requestValue, p)) {
                any = true;
                break;
            }
        }
        return op.negated() != any;
    }

    private static boolean positive(ConditionOperator op, String value, String policy) {
        switch (op) {
            case STRING_EQUALS, STRING_NOT_EQUALS:
                return value.equals(policy);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE:
                return value.equalsIgnoreCase(policy);
            case STRING_LIKE, STRING_NOT_LIKE:
                return Wildcards.matches(policy, value, false);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE:
                return Arns.like(policy, value);
            case BOOL:
                return value.equalsIgnoreCase(policy);
            case BINARY_EQUALS:
                return value.equals(policy);
            case IP_ADDRESS, NOT_IP_ADDRESS:
                return IpRanges.contains(policy, value);
            default:
                return ordered(op, value, policy);
        }
    }

    private static boolean ordered(ConditionOperator op, String value, String policy) {
        int cmp;
        if (op.family() == ConditionOperator.Family.NUMERIC) {
            BigDecimal a = number(value);
            BigDecimal b = number(policy);
            if (a == null || b == null) {
                return false;
            }
            cmp = a.compareTo(b);
        } else {
            Instant a = date(value);
            Instant b = date(policy);
            if (a == null || b == null) {
                return false;
            }
            cmp = a.compareTo(b);
        }
        switch (op) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS:
                return cmp == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN:
                return cmp < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS:
                return cmp <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN:
                return cmp > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS:
                return cmp >= 0;
            default:
                throw new IllegalStateException("expected a numeric or date operator, found " + op);
        }
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO-8601 date-times (with or without offset), plain dates, or epoch seconds, as IAM accepts. */
    static Instant date(String text) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z")) {
                return Instant.parse(t);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
