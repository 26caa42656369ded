package io.postureaudit.drift;

import io.postureaudit.policy.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Accumulates what moved over the affected principals of one change, into its {@link Effect}. */
final class Delta {

    private final Order order;
    final BitSet granted = new BitSet();
    final BitSet revoked = new BitSet();
    final Set<String> trustAdded = new TreeSet<>();
    final Set<String> trustRemoved = new TreeSet<>();
    final Set<String> risksAdded = new TreeSet<>();
    final Set<String> risksRemoved = new TreeSet<>();
    final Set<String> escalationsAdded = new TreeSet<>();
    final Set<String> escalationsRemoved = new TreeSet<>();
    final Set<String> principals = new TreeSet<>();

    Delta(Order order) {
        this.order = order;
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
        return order.compress(actions);
    }

    /**
     * The catalogue's services and the case-insensitive order of every id and {@code svc:*}, computed once per
     * catalogue: sorting thousands of ids per change was a tenth of the semantic diff. The rank is the position in a
     * stable sort of all {@code svc:*} (in service order) followed by all ids (in catalogue order), so ordering any
     * subset by rank is what a stable sort of that subset gives.
     */
    static final class Order {
        private final ActionCatalog catalog;
        private final String[] services;
        private final int[][] ranges;
        private final String[] wildcards;
        private final int[] serviceRank;
        private final String[] ids;
        private final int[] idRank;

        Order(ActionCatalog catalog) {
            this.catalog = catalog;
            List<String> names = catalog.services();
            services = names.toArray(String[]::new);
            ranges = new int[services.length][];
            wildcards = new String[services.length];
            for (int s = 0; s < services.length; s++) {
                ranges[s] = catalog.serviceRange(services[s]).orElseThrow();
                wildcards[s] = services[s] + ":*";
            }
            BitSet all = new BitSet();
            all.set(0, catalog.size());
            ids = catalog.ids(all).toArray(String[]::new);
            Integer[] positions = new Integer[services.length + ids.length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            java.util.Arrays.sort(positions, (a, b) -> String.CASE_INSENSITIVE_ORDER.compare(text(a), text(b)));
            serviceRank = new int[services.length];
            idRank = new int[ids.length];
            for (int rank = 0; rank < positions.length; rank++) {
                int at = positions[rank];
                if (at < services.length) {
                    serviceRank[at] = rank;
                } else {
                    idRank[at - services.length] = rank;
                }
            }
        }

        private String text(int position) {
            return position < services.length ? wildcards[position] : ids[position - services.length];
        }

        List<String> compress(BitSet actions) {
            if (actions.cardinality() == catalog.size() && catalog.size() > 0) {
                return List.of("*");
            }
            BitSet rest = (BitSet) actions.clone();
            List<int[]> picked = new ArrayList<>();
            for (int s = 0; s < services.length; s++) {
                int[] range = ranges[s];
                int next = rest.nextClearBit(range[0]);
                if (range[1] > range[0] && next >= range[1]) {
                    picked.add(new int[] {serviceRank[s], s});
                    rest.clear(range[0], range[1]);
                }
            }
            for (int i = rest.nextSetBit(0); i >= 0; i = rest.nextSetBit(i + 1)) {
                picked.add(new int[] {idRank[i], services.length + i});
            }
            picked.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<String> out = new ArrayList<>(picked.size());
            for (int[] p : picked) {
                out.add(text(p[1]));
            }
            return out;
        }
    }
}
