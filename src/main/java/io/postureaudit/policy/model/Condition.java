package io.postureaudit.policy.model;

import java.util.List;

/**
 * One condition test: {@code "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*"]}} becomes operator STRING_LIKE,
 * set FOR_ANY_VALUE, ifExists true, key {@code aws:TagKeys}, values {@code [a*]}. Values are kept as written (strings).
 */
public record Condition(String operatorName, ConditionOperator operator, SetQualifier set, boolean ifExists,
        String key, List<String> values) {

    /** The {@code ForAnyValue:}/{@code ForAllValues:} prefix, or none for single-valued tests. */
    public enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    public Condition {
        values = List.copyOf(values);
    }
}
