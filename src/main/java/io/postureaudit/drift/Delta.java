package io.postureaudit.drift;

import io.postureaudit.policy.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Accumulates what moved over the affected principals of one change, into its {@link Effect}. */
final class Delta {

    private final ActionCatalog catalog;
    final BitSet granted = new BitSet();
    final BitSet revoked = new BitSet();
    final Set<String> trustAdded = new TreeSet<>();
    final Set<String> trustRemoved = new TreeSet<>();
    final Set<String> risksAdded = new TreeSet<>();
    final Set<String> risksRemoved = new TreeSet<>();
    final Set<String> escalationsAdded = new TreeSet<>();
    final Set<String> escalationsRemoved = new TreeSet<>();
    final Set<String> principals = new TreeSet<>();

    Delta(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    void add(String principal, Access was, Access is) {
        BitSet plus = (BitSet) is.allowed().clone();
        plus.andNot(was.allowed());
        BitSet minus = (BitSet) was.allowed().clone();
        minus.andNot(is.allowed());
        boolean moved = !plus.isEmpty() || !minus.isEmpty();
        granted.or(plus);
        revoked.or(minus);
        moved |= diff(was.trust(), is.trust(), trustAdded, trustRemoved);
        moved |= diff(was.risks(), is.risks(), risksAdded, risksRemoved);
        moved |= diff(was.escalations(), is.escalations(), escalationsAdded, escalationsRemoved);
        if (moved && principal != null) {
            principals.add(principal);
        }
    }

    Effect effect() {
        return new Effect(compress(granted), compress(revoked), List.copyOf(trustAdded),
                List.copyOf(trustRemoved), List.copyOf(risksAdded), List.copyOf(risksRemoved),
                List.copyOf(principals), List.copyOf(escalationsAdded), List.copyOf(escalationsRemoved));
    }

    private static boolean diff(Set<String> was, Set<String> is, Set<String> added, Set<String> removed) {
        boolean moved = false;
        for (String s : is) {
            if (!was.contains(s)) {
                added.add(s);
                moved = true;
            }
        }
        for (String s : was) {
            if (!is.contains(s)) {
                removed.add(s);
                moved = true;
            }
        }
        return moved;
    }

    /** Action ids, a whole service as {@code svc:*} and everything as {@code *}, so {@code *:*} is not 15,000 ids. */
    List<String> compress(BitSet actions) {
        if (actions.cardinality() == catalog.size() && catalog.size() > 0) {
            return List.of("*");
        }
        List<String> out = new ArrayList<>();
        BitSet rest = (BitSet) actions.clone();
        for (String service : catalog.services()) {
            int[] range = catalog.serviceRange(service).orElseThrow();
            int next = rest.nextClearBit(range[0]);
            if (range[1] > range[0] && next >= range[1]) {
                out.add(service + ":*");
                rest.clear(range[0], range[1]);
            }
        }
        List<String> single = catalog.ids(rest);
        List<String> all = new ArrayList<>(out);
        all.addAll(single);
        all.sort(String.CASE_INSENSITIVE_ORDER);
        return all;
    }
}
