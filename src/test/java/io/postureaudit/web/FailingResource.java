package io.postureaudit.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Test-only endpoints that fail the way production code can: an unexpected error carrying SQL in its message, and a
 * real JDBC connection to a port where no database listens. Only in the test application.
 */
@Path("/")
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
public class FailingResource {

    static final String SECRET_SQL = "select password_hash from web_user where name = 'admin'";

    @GET
    @Path("test-failure")
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        throw new IllegalStateException("query failed: " + SECRET_SQL);
    }

    @GET
    @Path("api/test-failure")
    @Produces(MediaType.APPLICATION_JSON)
    public String api() {
        throw new IllegalStateException("query failed: " + SECRET_SQL);
    }

    @GET
    @Path("api/test-database-down")
    @Produces(MediaType.APPLICATION_JSON)
    public String databaseDown() throws SQLException {
        return unreachable();
    }

    @GET
    @Path("test-database-down")
    @Produces(MediaType.TEXT_HTML)
    public String databaseDownPage() throws SQLException {
        return unreachable();
    }

    private static String unreachable() throws SQLException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Nothing listens on a port just released: the driver's own connection failure (SQLState 08001).
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/posture", "x", "y")) {
            return "connected?";
        }
    }
}
