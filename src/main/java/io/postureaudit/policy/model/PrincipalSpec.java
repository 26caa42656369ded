package io.postureaudit.policy.model;

import java.util.List;
import java.util.Map;

/**
 * A Principal or NotPrincipal element: either the bare wildcard {@code "*"} or values per kind
 * ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}).
 */
public record PrincipalSpec(boolean anyone, Map<String, List<String>> byKind) {

    public static final List<String> KINDS = List.of("AWS", "Service", "Federated", "CanonicalUser");

    public PrincipalSpec {
        byKind = Map.copyOf(byKind);
    }

    public List<String> values(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** True for {@code "*"} and for {@code {"AWS": "*"}}, which AWS treats alike. */
    public boolean isPublic() {
        return anyone || values("AWS").contains("*");
    }
}
