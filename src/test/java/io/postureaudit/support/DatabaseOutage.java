package io.postureaudit.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Takes the service's PostgreSQL database away and gives it back, as a restart or fail-over does to a running
 * service: new connections are refused ({@code ALLOW_CONNECTIONS false}) and the open ones are terminated. Works from
 * the {@code template1} database of the same server, as the superuser the tests connect with.
 */
public final class DatabaseOutage implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$");
    private final String maintenanceUrl;
    private final String database;
    private final String user;
    private final String password;
    private boolean away;

    private DatabaseOutage(String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("expected a jdbc:postgresql://host:port/database URL, found " + url);
        }
        this.maintenanceUrl = m.group(1) + "template1" + m.group(3);
        this.database = m.group(2);
        this.user = user;
        this.password = password;
    }

    /** Starts an outage of the database the running test application uses. */
    public static DatabaseOutage begin() throws SQLException {
        var config = ConfigProvider.getConfig();
        DatabaseOutage outage = new DatabaseOutage(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        outage.takeAway();
        return outage;
    }

    private void takeAway() throws SQLException {
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user, password);
                Statement alter = c.createStatement();
                PreparedStatement terminate = c.prepareStatement("select count(pg_terminate_backend(pid)) from "
                        + "pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            alter.execute("alter database \"" + database + "\" allow_connections false");
            away = true;
            terminate.setString(1, database);
            terminate.execute();
        }
    }

    /** Lets connections in again; the service must reconnect by itself. */
    @Override
    public void close() throws SQLException {
        if (!away) {
            return;
        }
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user, password);
                Statement alter = c.createStatement()) {
            alter.execute("alter database \"" + database + "\" allow_connections true");
            away = false;
        }
    }
}
