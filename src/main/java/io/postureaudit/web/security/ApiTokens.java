package io.postureaudit.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API tokens for scripts: created by an admin with a role and an optional expiry, shown once, stored as a SHA-256
 * hash, revocable. A token is {@code pat_} followed by 43 random URL-safe characters (256 bits).
 */
@ApplicationScoped
public class ApiTokens {

    static final String PREFIX = "pat_";

    /** A token as listed: never the secret. */
    public record TokenView(long id, String name, String role, String createdBy, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt, Instant revokedAt) {
    }

    /** A token just created: the secret is in {@code token}, and nowhere else from now on. */
    public record Created(long id, String token) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public ApiTokens(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Created create(String name, String role, Instant expiresAt, String createdBy) {
        String token = PREFIX + Secrets.token();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into api_token (name, role, token_hash, created_by, created_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?) returning id")) {
            insert.setString(1, name);
            insert.setString(2, role);
            insert.setString(3, Secrets.sha256(token));
            insert.setString(4, createdBy);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return new Created(rs.getLong(1), token);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("creating an API token", e);
        }
    }

    public List<TokenView> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select id, name, role, created_by, created_at, expires_at, last_used_at, revoked_at from api_token "
                        + "order by id")) {
            List<TokenView> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("listing API tokens", e);
        }
    }

    /** Revokes a token; false when there is no live token with that id. */
    public boolean revoke(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "update api_token set revoked_at = ? where id = ? and revoked_at is null")) {
            u.setTimestamp(1, Timestamp.from(clock.instant()));
            u.setLong(2, id);
            return u.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("revoking an API token", e);
        }
    }

    /** The live token (not revoked, not expired) with this secret, marking it used. */
    public Optional<TokenView> use(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "update api_token set last_used_at = ? where token_hash = ? and revoked_at is null "
                        + "and (expires_at is null or expires_at > ?) "
                        + "returning id, name, role, created_by, created_at, expires_at, last_used_at, revoked_at")) {
            u.setTimestamp(1, Timestamp.from(now));
            u.setString(2, Secrets.sha256(token));
            u.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = u.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8)));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("checking an API token", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
