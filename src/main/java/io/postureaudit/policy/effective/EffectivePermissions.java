package io.postureaudit.policy.effective;

import io.postureaudit.policy.catalog.AccessLevel;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ActionInfo;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a principal's identity policies allow after explicit denies and its permissions boundary. Whole-account facts
 * are bit sets over the catalogue ({@link #allowed()}, {@link #unconstrained()}, {@link #conditionalOnly()}); a
 * question about one action on one kind of resource is {@link #grant(String, String)}.
 */
public final class EffectivePermissions {

    private final ActionCatalog catalog;
    private final List<CompiledStatement> identity;
    private final List<CompiledStatement> boundary;
    private final boolean hasBoundary;
    private final BitSet allowed;
    private final BitSet unconstrained;
    private final BitSet conditionalOnly;
    private final List<String> unknownActions;

    private EffectivePermissions(ActionCatalog catalog, List<CompiledStatement> identity,
            List<CompiledStatement> boundary, boolean hasBoundary) {
        this.catalog = catalog;
        this.identity = identity;
        this.boundary = boundary;
        this.hasBoundary = hasBoundary;
        BitSet any = new BitSet();
        BitSet anyUnconditional = new BitSet();
        BitSet full = new BitSet();
        BitSet denied = new BitSet();
        Set<String> unknown = new LinkedHashSet<>();
        for (CompiledStatement s : identity) {
            unknown.addAll(s.unknownActions());
            if (s.allow()) {
                any.or(s.actions());
                if (!s.conditional()) {
                    anyUnconditional.or(s.actions());
                    if (s.unconstrained()) {
                        full.or(s.actions());
                    }
                }
            } else if (!s.conditional() && s.coversAll("*")) {
                denied.or(s.actions());
            }
        }
        if (hasBoundary) {
            BitSet bAny = new BitSet();
            BitSet bFull = new BitSet();
            for (CompiledStatement s : boundary) {
                unknown.addAll(s.unknownActions());
                if (s.allow()) {
                    bAny.or(s.actions());
                    if (!s.conditional() && s.unconstrained()) {
                        bFull.or(s.actions());
                    }
                } else if (!s.conditional() && s.coversAll("*")) {
                    denied.or(s.actions());
                }
            }
            any.and(bAny);
            anyUnconditional.and(bAny);
            full.and(bFull);
        }
        any.andNot(denied);
        full.andNot(denied);
        anyUnconditional.andNot(denied);
        this.allowed = any;
        this.unconstrained = full;
        BitSet condOnly = (BitSet) any.clone();
        condOnly.andNot(anyUnconditional);
        this.conditionalOnly = condOnly;
        this.unknownActions = List.copyOf(unknown);
    }

    /**
     * Compiles identity policies and, when {@code boundaries} is non-null, a permissions boundary (AWS allows one
     * boundary policy; a list keeps the permission-set case of several documents simple).
     */
    public static EffectivePermissions of(ActionCatalog catalog, List<NamedPolicy> identity,
            List<NamedPolicy> boundaries, StatementCache cache) {
        List<CompiledStatement> id = new ArrayList<>();
        for (NamedPolicy p : identity) {
            id.addAll(cache.compile(p, catalog));
        }
        List<CompiledStatement> b = new ArrayList<>();
        if (boundaries != null) {
            for (NamedPolicy p : boundaries) {
                b.addAll(cache.compile(p, catalog));
            }
        }
        return new EffectivePermissions(catalog, id, b, boundaries != null);
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    /** Actions allowed on at least some resource, possibly under conditions. Fresh copy. */
    public BitSet allowed() {
        return (BitSet) allowed.clone();
    }

    /** Actions allowed on every resource without any condition. Fresh copy. */
    public BitSet unconstrained() {
        return (BitSet) unconstrained.clone();
    }

    /** Actions allowed only under a condition. Fresh copy. */
    public BitSet conditionalOnly() {
        return (BitSet) conditionalOnly.clone();
    }

    public boolean hasBoundary() {
        return hasBoundary;
    }

    public List<CompiledStatement> identityStatements() {
        return identity;
    }

    /** Action patterns in any of the principal's policies that name no action AWS documents. */
    public List<String> unknownActions() {
        return unknownActions;
    }

    public boolean isUnconstrained(String action) {
        return catalog.find(action).map(a -> unconstrained.get(a.index())).orElse(false);
    }

    /** Allowed actions per access level. */
    public Map<AccessLevel, Integer> allowedByLevel(BitSet set) {
        // Set algebra with each level's actions: counting action by action (boxing an Integer each) dominated the
        // risk analysis of wide permission sets.
        Map<AccessLevel, Integer> counts = new EnumMap<>(AccessLevel.class);
        for (AccessLevel l : AccessLevel.values()) {
            BitSet at = catalog.atLevel(l);
            at.and(set);
            counts.put(l, at.cardinality());
        }
        return counts;
    }

    /**
     * May the principal perform {@code action} on some resource that {@code probe} describes (an ARN pattern, or
     * {@code *})? Empty when nothing grants it, an unconditional Deny covers all of {@code probe}, or the boundary
     * does not reach it.
     */
    public Optional<Grant> grant(String action, String probe) {
        Optional<ActionInfo> info = catalog.find(action);
        if (info.isEmpty() || !allowed.get(info.get().index())) {
            return Optional.empty();
        }
        int bit = info.get().index();
        // Actions without resource types only ever match Resource "*": a narrower pattern grants nothing.
        boolean resourceless = info.get().resourceless();
        List<Evidence> evidence = new ArrayList<>();
        boolean unconditional = false;
        boolean everywhere = false;
        for (CompiledStatement s : identity) {
            if (!s.covers(bit)) {
                continue;
            }
            if (!s.allow()) {
                if (!s.conditional() && s.coversAll(probe)) {
                    return Optional.empty();
                }
                continue;
            }
            if (s.reservedOnly(action)) {
                continue;
            }
            if (resourceless ? s.coversAll("*") : s.reaches(probe)) {
                evidence.add(s.evidence());
                unconditional |= !s.conditional();
                everywhere |= s.unconstrained() && !s.conditional();
            }
        }
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        if (hasBoundary) {
            boolean reached = false;
            boolean boundaryUnconditional = false;
            for (CompiledStatement s : boundary) {
                if (!s.covers(bit)) {
                    continue;
                }
                if (!s.allow()) {
                    if (!s.conditional() && s.coversAll(probe)) {
                        return Optional.empty();
                    }
                } else if (resourceless ? s.coversAll("*") : s.reaches(probe)) {
                    reached = true;
                    boundaryUnconditional |= !s.conditional();
                }
            }
            if (!reached) {
                return Optional.empty();
            }
            unconditional &= boundaryUnconditional;
        }
        return Optional.of(new Grant(info.get(), !unconditional, everywhere && unconstrained.get(bit), evidence));
    }

    /** Evidence for every allow statement granting {@code action} anywhere, for reporting. */
    public List<Evidence> evidence(int action) {
        List<Evidence> out = new ArrayList<>();
        for (CompiledStatement s : identity) {
            if (s.allow() && s.covers(action)) {
                out.add(s.evidence());
            }
        }
        return out;
    }

    /**
     * Which identity statements allow {@code action}, as bits over {@link #identityStatements()}: actions with the same
     * signature share their resource scope, so callers can compute a scope once per signature.
     */
    public BitSet grantingStatements(int action) {
        BitSet out = new BitSet(identity.size());
        for (int s = 0; s < identity.size(); s++) {
            if (identity.get(s).allow() && identity.get(s).covers(action)) {
                out.set(s);
            }
        }
        return out;
    }

    /** Resource patterns of the allow statements that grant {@code action} ({@code *} for unconstrained ones). */
    public Set<String> resourcesFor(int action) {
        Set<String> out = new LinkedHashSet<>();
        for (CompiledStatement s : identity) {
            if (s.allow() && s.covers(action)) {
                Statement st = s.statement();
                if (st.resources() == null || st.notResource() || s.unconstrained()) {
                    out.add("*");
                } else {
                    out.addAll(st.resources());
                }
            }
        }
        return out;
    }
}
