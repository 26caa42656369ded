package io.postureaudit.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Turns a live API token into an identity named {@code token:NAME} with the token's role (admin implies viewer). */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenCredential> {

    private final ApiTokens tokens;

    public ApiTokenIdentityProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenCredential> getRequestType() {
        return ApiTokenCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenCredential request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> tokens.use(request.token())
                .map(t -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("token:" + t.name()))
                        .addRoles("admin".equals(t.role()) ? Set.of("admin", "viewer") : Set.of("viewer"))
                        .addAttribute(SignedInVia.ATTRIBUTE, SignedInVia.TOKEN)
                        .addAttribute(SignedInVia.TOKEN_ID_ATTRIBUTE, t.id()).build())
                .orElseThrow(() -> new AuthenticationFailedException("API token unknown, revoked or expired")));
    }
}
