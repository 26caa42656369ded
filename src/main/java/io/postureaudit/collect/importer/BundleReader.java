package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads one service's calls from a bundle into a collection context, producing what that service's live collector
 * would: the same normalisers, the same resource types, a gap for every call the bundle lacks.
 */
public interface BundleReader {

    /** The coverage scope, as the live collector's {@code service()}. */
    String service();

    CollectorScope scope();

    /** The {@code service:Operation} keys this reader understands (any region). */
    Set<String> operations();

    void read(Bundle bundle, CollectionContext context);

    /**
     * The outputs of a per-resource call for one resource, or null after recording a gap for that resource
     * when the bundle has none for it.
     */
    static List<JsonNode> perResource(Bundle bundle, CollectionContext context, String service, String operation,
            String param, String id, String arn, Predicate<JsonNode> names, boolean onlyCandidate) {
        List<JsonNode> mine = Bundle.forResource(bundle.outputs(service, operation, context.region()), param, id,
                names, onlyCandidate);
        if (mine.isEmpty()) {
            context.gap(operation, "NotInBundle: the import has no \"" + service + ":" + operation + "@"
                    + context.region() + "\" output for " + arn, arn);
            return null;
        }
        return mine;
    }

    /** Every element of a list member across pages. */
    static <P, T> List<T> flatten(List<JsonNode> pages, Function<JsonNode, P> read, Function<P, List<T>> items) {
        List<T> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(items.apply(read.apply(page))));
        return all;
    }

    /** True when any element of {@code list} has {@code field} matching {@code id}. */
    static boolean anyNames(JsonNode list, String field, String id) {
        for (JsonNode n : list) {
            if (n.hasNonNull(field) && Bundle.matchesId(n.get(field).asText(), id)) {
                return true;
            }
        }
        return false;
    }
}
