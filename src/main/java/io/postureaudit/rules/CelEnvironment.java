package io.postureaudit.rules;

import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL environment rules are compiled in. Variables: {@code resource} (arn, type, accountId, region, name,
 * data, observed), {@code account} (id, name), {@code principal} (least-privilege facts, empty for
 * non-principals), {@code terraform} (how the resource stands against Terraform state: status, address,
 * fields, statesComplete; empty when no state is configured or the type is not classified), {@code now}
 * (the scan's clock, a timestamp) and, for rules that judge a change between scans, {@code change} (the change
 * record: see docs/drift.md; empty for every other rule).
 */
public final class CelEnvironment {

    public static final List<String> VARIABLES = List.of("resource", "account", "principal", "terraform", "now",
            "change");

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public CelEnvironment() {
        compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(dev.cel.common.CelOptions.DEFAULT))
                .addVar("resource", SimpleType.DYN)
                .addVar("account", SimpleType.DYN)
                .addVar("principal", SimpleType.DYN)
                .addVar("terraform", SimpleType.DYN)
                .addVar("now", SimpleType.TIMESTAMP)
                .addVar("change", SimpleType.DYN)
                .build();
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .addLibraries(CelExtensions.strings(), CelExtensions.math(dev.cel.common.CelOptions.DEFAULT))
                .build();
    }

    /** Compiles and type-checks; the caller turns the exception into a file:line message. */
    public CelRuntime.Program compile(String expression, boolean mustBeBool) throws CelValidationException,
            InvalidExpressionException {
        CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
        if (mustBeBool && !(ast.getResultType() == SimpleType.BOOL || ast.getResultType() == SimpleType.DYN)) {
            throw new InvalidExpressionException("expected a condition of type bool, found "
                    + ast.getResultType().name());
        }
        try {
            return runtime.createProgram(ast);
        } catch (dev.cel.common.CelException e) {
            throw new InvalidExpressionException(e.getMessage());
        }
    }

    /** A type-correct expression that still cannot be used. */
    public static final class InvalidExpressionException extends Exception {
        public InvalidExpressionException(String message) {
            super(message);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /**
     * Converts JSON-like Java values into CEL's value types: integers become longs, decimals doubles, and JSON
     * null CEL's null.
     */
    public static Object celValue(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new HashMap<>(map.size() * 2);
            map.forEach((k, v) -> out.put(String.valueOf(k), celValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(celValue(v)));
            return out;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
