package io.postureaudit.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A rule with its CEL condition and message template compiled once, evaluated for many resources. */
public final class CompiledRule {

    private final RuleDefinition definition;
    private final CelRuntime.Program condition;
    private final List<Object> messageParts;

    /** @param messageParts literal strings and compiled programs, in template order */
    CompiledRule(RuleDefinition definition, CelRuntime.Program condition, List<Object> messageParts) {
        this.definition = definition;
        this.condition = condition;
        this.messageParts = List.copyOf(messageParts);
    }

    public RuleDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    public boolean appliesTo(String resourceType) {
        return definition.resourceTypes().contains(resourceType);
    }

    /** True when the condition holds for these CEL variables. */
    public boolean matches(Map<String, ?> variables) throws CelEvaluationException {
        Object result = condition.eval(variables);
        if (result instanceof Boolean b) {
            return b;
        }
        throw new CelEvaluationException("condition of rule " + id() + " returned "
                + (result == null ? "null" : result.getClass().getSimpleName()) + ", expected bool");
    }

    /** Renders the message template. */
    public String message(Map<String, ?> variables) throws CelEvaluationException {
        StringBuilder out = new StringBuilder();
        for (Object part : messageParts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                out.append(render(((CelRuntime.Program) part).eval(variables)));
            }
        }
        return out.toString();
    }

    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(CompiledRule::render).collect(Collectors.joining(", "));
        }
        if (value instanceof com.google.protobuf.NullValue) {
            return "null";
        }
        return String.valueOf(value);
    }
}
