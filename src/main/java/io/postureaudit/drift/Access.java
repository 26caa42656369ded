package io.postureaudit.drift;

import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/** What one principal (or person, in one account) can do in one snapshot: allowed actions, risks, trust. */
record Access(BitSet allowed, Set<String> risks, Set<String> escalations, Set<String> trust) {

    static final Access NONE = new Access(new BitSet(), Set.of(), Set.of(), Set.of());

    /** Both together: what someone holding both can do. */
    Access union(Access other) {
        BitSet all = (BitSet) allowed.clone();
        all.or(other.allowed());
        return new Access(all, merge(risks, other.risks()), merge(escalations, other.escalations()),
                merge(trust, other.trust()));
    }

    private static Set<String> merge(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
