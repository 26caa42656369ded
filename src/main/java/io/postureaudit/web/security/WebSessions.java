package io.postureaudit.web.security;

import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Browser sessions started by the sign-in form. The cookie holds a random token; the table holds its hash, the user,
 * the roles and the session's CSRF token, so sessions survive restarts, work across replicas and end at sign-out.
 */
@ApplicationScoped
public class WebSessions {

    /** A signed-in browser: who, with which roles, and the token its forms carry. */
    public record Session(String username, Set<String> roles, String csrfToken, Instant expiresAt) {
    }

    /** A new session: the cookie value (shown to the browser once) and the session itself. */
    public record Started(String cookieValue, Session session) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final PostureConfig config;

    public WebSessions(DataSource dataSource, Clock clock, PostureConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    public Started start(String username, Set<String> roles) {
        String cookie = Secrets.token();
        Instant now = clock.instant();
        Session session = new Session(username, Set.copyOf(roles), Secrets.token(),
                now.plus(config.web().sessionTimeout()));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("delete from web_session where expires_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(now));
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into web_session (token_hash, username, roles, "
                    + "csrf_token, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, Secrets.sha256(cookie));
                insert.setString(2, username);
                insert.setString(3, String.join(",", session.roles()));
                insert.setString(4, session.csrfToken());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(session.expiresAt()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("starting a session", e);
        }
        return new Started(cookie, session);
    }

    /** The live session for a cookie value; empty when unknown, signed out or expired. */
    public Optional<Session> find(String cookieValue) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select username, roles, csrf_token, expires_at from web_session where token_hash = ? and expires_at > ?")) {
            q.setString(1, Secrets.sha256(cookieValue));
            q.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<String> roles = Arrays.stream(rs.getString(2).split(",")).filter(r -> !r.isBlank())
                        .collect(Collectors.toUnmodifiableSet());
                return Optional.of(new Session(rs.getString(1), roles, rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("reading the session", e);
        }
    }

    public void end(String cookieValue) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement d = c.prepareStatement("delete from web_session where token_hash = ?")) {
            d.setString(1, Secrets.sha256(cookieValue));
            d.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("ending the session", e);
        }
    }
}
