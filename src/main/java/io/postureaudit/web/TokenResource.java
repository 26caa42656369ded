package io.postureaudit.web;

import io.postureaudit.web.security.ApiTokens;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** API tokens for scripts (admin): created with a role and an optional expiry, shown once, listed, revoked. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class TokenResource {

    private final ApiTokens tokens;
    private final SecurityIdentity identity;
    private final Clock clock;

    public TokenResource(ApiTokens tokens, SecurityIdentity identity, Clock clock) {
        this.tokens = tokens;
        this.identity = identity;
        this.clock = clock;
    }

    /** Body of a new token (contract): a name, {@code viewer} or {@code admin}, an optional ISO-8601 expiry. */
    public record CreateRequest(String name, String role, String expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new BadInputException("name: expected a name saying what the token is for, found none");
        }
        if (!Roles.VIEWER.equals(request.role()) && !Roles.ADMIN.equals(request.role())) {
            throw new BadInputException("role: expected viewer or admin, found '" + request.role() + "'");
        }
        Instant expiresAt = FindingResource.instant("expiresAt", request.expiresAt());
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new BadInputException("expiresAt: expected a time in the future, found " + expiresAt);
        }
        ApiTokens.Created created = tokens.create(request.name().strip(), request.role(), expiresAt,
                identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", created.id(), "token", created.token()))
                .build();
    }

    @GET
    public List<ApiTokens.TokenView> list() {
        return tokens.list();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        long tokenId = Paging.id("id", id);
        if (!tokens.revoke(tokenId)) {
            throw new NotFoundException("no live API token with id " + tokenId);
        }
        return Response.noContent().build();
    }
}
