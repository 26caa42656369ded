package io.postureaudit.terraform;

import io.postureaudit.collect.terraform.StateInstance;
import io.postureaudit.policy.PolicyEquivalence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects the differences of one state instance against one live resource. */
final class Diffs {

    private final String address;
    private final List<FieldDiff> out = new ArrayList<>();

    private Diffs(String address) {
        this.address = address;
    }

    static Diffs of(StateInstance instance) {
        return new Diffs(instance.address());
    }

    /** Same value, reading null, "" and [] alike and numbers by value. */
    Diffs same(String path, Object state, Object live, boolean security) {
        if (!Values.same(state, live)) {
            out.add(new FieldDiff(path, address, Values.normal(state) == null ? null : state, live, security));
        }
        return this;
    }

    /** Same policy document, judged by the policy engine rather than by text. */
    Diffs policy(String path, Object state, Object live) {
        if (!PolicyEquivalence.equivalent(state, live)) {
            out.add(new FieldDiff(path, address, Documents.readable(state), live, true));
        }
        return this;
    }

    /** The live collection holds what the state says it should. */
    Diffs holds(String path, Object state, Collection<?> live, boolean security) {
        if (state != null && !live.contains(state)) {
            out.add(new FieldDiff(path, address, state, null, security));
        }
        return this;
    }

    /** A difference found by the caller. */
    Diffs add(String path, Object state, Object live, boolean security) {
        out.add(new FieldDiff(path, address, state, live, security));
        return this;
    }

    List<FieldDiff> list() {
        return List.copyOf(out);
    }
}
