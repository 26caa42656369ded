package io.postureaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.ClassReferences;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries the layout promises, checked on the compiled main classes: only {@code collect} touches the AWS
 * SDK, only {@code web} touches JAX-RS (other packages throw their own exceptions, which {@code web} maps to status
 * codes), nothing refers to {@code web}, and the top-level packages form no cycle.
 */
class LayerBoundariesTest {

    private static final String ROOT = "io.postureaudit.";

    private static Map<String, Set<String>> classes;

    @BeforeAll
    static void readCompiledClasses() throws IOException, URISyntaxException {
        Path main = Path.of(PostureMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = ClassReferences.under(main);
        assertTrue(classes.size() > 100, "expected the main classes under " + main + ", found " + classes.size());
    }

    @Test
    void shouldReadTypeReferencesFromTheConstantPool() {
        // The check would pass vacuously if the reader saw nothing: these are known references of known classes.
        Set<String> collector = classes.get("io.postureaudit.collect.kms.KmsCollector");
        assertTrue(collector.contains("software.amazon.awssdk.services.kms.KmsClient"), collector.toString());
        Set<String> mappers = classes.get("io.postureaudit.web.ErrorMappers");
        assertTrue(mappers.contains("jakarta.ws.rs.core.Response"), mappers.toString());
        assertTrue(mappers.contains("io.postureaudit.findings.FindingNotFoundException"), mappers.toString());
    }

    @Test
    void shouldUseTheAwsSdkOnlyInCollect() {
        assertEquals(Map.of(), offenders("software.amazon.awssdk.", "collect"),
                "only io.postureaudit.collect may use the AWS SDK: catch SDK exceptions where the call is made and "
                        + "hand out a Gap or a result record instead");
    }

    @Test
    void shouldUseJaxRsOnlyInWeb() {
        Map<String, Set<String>> found = offenders("jakarta.ws.rs.", "web");
        found.putAll(offenders("org.jboss.resteasy.", "web"));
        assertEquals(Map.of(), found, "only io.postureaudit.web may use JAX-RS: throw the package's own exception "
                + "(e.g. findings.FindingNotFoundException) and map it to a status in web/ErrorMappers");
    }

    @Test
    void shouldReferToWebFromWebOnly() {
        assertEquals(Map.of(), offenders(ROOT + "web.", "web"),
                "web is the last room of the flow; REST request and response records live there and nothing else "
                        + "may use them: give the engine its own input record");
    }

    @Test
    void shouldKeepTopLevelPackagesFreeOfCycles() {
        Map<String, Set<String>> edges = new TreeMap<>();
        classes.forEach((name, refs) -> {
            String from = topLevel(name);
            if (from == null) {
                return;
            }
            for (String ref : refs) {
                String to = topLevel(ref);
                if (to != null && !to.equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        });
        List<String> cycle = cycle(edges);
        assertEquals(List.of(), cycle, "a cycle between packages (each refers to the next): " + String.join(" -> ", cycle)
                + "; package dependencies so far: " + edges);
    }

    /** Classes outside {@code allowed} (a top-level package) that refer to a type whose name starts with {@code prefix}. */
    private static Map<String, Set<String>> offenders(String prefix, String allowed) {
        Map<String, Set<String>> out = new TreeMap<>();
        classes.forEach((name, refs) -> {
            if (name.startsWith(ROOT + allowed + ".")) {
                return;
            }
            Set<String> bad = new TreeSet<>(refs.stream().filter(r -> r.startsWith(prefix)).toList());
            if (!bad.isEmpty()) {
                out.put(name, bad);
            }
        });
        return out;
    }

    /** {@code io.postureaudit.policy.eval.Simulator} → {@code policy}; null for the root package and other code. */
    private static String topLevel(String className) {
        if (!className.startsWith(ROOT)) {
            return null;
        }
        String rest = className.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot);
    }

    private static List<String> cycle(Map<String, Set<String>> edges) {
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            if (walk(start, start, edges, path, new TreeSet<>())) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean walk(String node, String start, Map<String, Set<String>> edges, List<String> path,
            Set<String> seen) {
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (next.equals(start)) {
                path.add(next);
                return true;
            }
            if (seen.add(next) && walk(next, start, edges, path, seen)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}
