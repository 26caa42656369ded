package io.postureaudit.policy.effective;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ResourcePatterns;
import io.postureaudit.policy.catalog.Wildcards;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.eval.ReservedResources;
import io.postureaudit.policy.model.Effect;
import io.postureaudit.policy.model.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A statement with its Action/NotAction expanded into catalogue bits and its resources classified, so effective
 * permissions are set algebra instead of per-action evaluation.
 */
public final class CompiledStatement {

    // A resource pattern that covers every resource of a service: "*", "arn:aws:s3:::*", "arn:aws:kms:*:*:key/*".
    // S3 ARNs carry no resource-type prefix ("arn:aws:s3:::reports/*" is one bucket), so only a bare * counts there.
    private static final Pattern UNCONSTRAINED =
            Pattern.compile("\\*|arn:[^:]+:[^:]+:[^:]*:[^:]*:\\*|arn:[^:]+:(?!s3)[^:]+:[^:]*:[^:]*:[A-Za-z0-9_-]+[:/]\\*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");
    private static final java.util.Map<String, int[]> PROBES = new java.util.concurrent.ConcurrentHashMap<>();

    private final NamedPolicy policy;
    private final Statement statement;
    private final BitSet actions;
    private final List<String> resources;
    private final int[][] compiledResources;
    private final boolean unconstrained;
    private final List<String> unknownActions;

    public CompiledStatement(NamedPolicy policy, Statement statement, ActionCatalog catalog) {
        this.policy = policy;
        this.statement = statement;
        BitSet bits = new BitSet(catalog.size());
        List<String> unknown = new ArrayList<>();
        for (String pattern : statement.actions()) {
            BitSet expanded = catalog.expand(pattern);
            if (expanded.isEmpty()) {
                unknown.add(pattern);
            }
            bits.or(expanded);
        }
        if (statement.notAction()) {
            BitSet all = catalog.everything();
            all.andNot(bits);
            bits = all;
        }
        this.unknownActions = List.copyOf(unknown);
        // Variables stand for the caller's own values; for reach we treat them as "some value".
        List<String> patterns = new ArrayList<>();
        if (statement.resources() != null) {
            for (String r : statement.resources()) {
                patterns.add(VARIABLE.matcher(r).replaceAll("*"));
            }
        }
        this.resources = List.copyOf(patterns);
        this.compiledResources = patterns.stream().map(ResourcePatterns::policy).toArray(int[][]::new);
        // A statement applies to an action only on that action's resources: a Resource pattern that can name none
        // of them (a log group pattern for a log stream action, role/* for a user action, an ARN for an action
        // authorised only on "*") grants and denies nothing for it.
        if (statement.resources() != null && !statement.notResource()) {
            BitSet grantable = new BitSet(catalog.size());
            for (String p : patterns) {
                catalog.orGrantable(p, grantable);
            }
            bits.and(grantable);
        }
        this.actions = bits;
        this.unconstrained = statement.resources() == null || statement.notResource()
                || patterns.stream().anyMatch(p -> UNCONSTRAINED.matcher(p).matches());
    }

    public NamedPolicy policy() {
        return policy;
    }

    public Statement statement() {
        return statement;
    }

    public boolean allow() {
        return statement.effect() == Effect.ALLOW;
    }

    public boolean conditional() {
        return statement.conditional();
    }

    /** Read-only view of the covered actions; callers must not change it. */
    public BitSet actions() {
        return actions;
    }

    public boolean covers(int action) {
        return actions.get(action);
    }

    /** True when the statement reaches every resource (Resource "*" or a service-wide pattern, or NotResource). */
    public boolean unconstrained() {
        return unconstrained;
    }

    public List<String> unknownActions() {
        return unknownActions;
    }

    public Evidence evidence() {
        return new Evidence(policy.name(), statement.label());
    }

    /** Resource patterns (variables widened to {@code *}); empty when the statement has no Resource element. */
    public List<String> resources() {
        return resources;
    }

    /** True when every resource the statement names for {@code action} is one AWS reserves (it grants nothing). */
    public boolean reservedOnly(String action) {
        return statement.resources() != null && !statement.notResource() && !resources.isEmpty()
                && resources.stream().allMatch(r -> ReservedResources.confined(action, r));
    }

    /** Could the statement apply to some resource described by {@code probe} (itself a wildcard pattern)? */
    public boolean reaches(String probe) {
        if (statement.resources() == null) {
            return true;
        }
        if (statement.notResource()) {
            return !resources.stream().anyMatch(r -> coversLiterally(r, probe));
        }
        if ("*".equals(probe)) {
            return !resources.isEmpty();
        }
        int[] described = PROBES.computeIfAbsent(probe, ResourcePatterns::template);
        for (int[] r : compiledResources) {
            if (ResourcePatterns.overlap(r, described)) {
                return true;
            }
        }
        return false;
    }

    /** Does the statement apply to every resource {@code probe} describes (used for denies)? */
    public boolean coversAll(String probe) {
        if (statement.resources() == null) {
            return true;
        }
        if (statement.notResource()) {
            return resources.stream().noneMatch(r -> Wildcards.overlap(r, probe));
        }
        return resources.stream().anyMatch(r -> coversLiterally(r, probe));
    }

    // The probe's own wildcards are read as literal characters: a pattern covering them covers all they stand for.
    private static boolean coversLiterally(String pattern, String probe) {
        return Wildcards.matches(pattern, probe, false);
    }
}
