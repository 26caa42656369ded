package io.postureaudit.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL started in-process from the binaries on the classpath, for when no external database is
 * configured. Its data directory is kept, so the service's history survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String JDBC_URL_KEY = "quarkus.datasource.jdbc.url";
    public static final String DATA_DIR_KEY = "posture.data-dir";

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /**
     * Starts PostgreSQL with its data in {@code directory}.
     *
     * @param clean true to start from an empty directory (tests), false to keep existing data
     */
    public static EmbeddedDatabase start(Path directory, boolean clean) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("pgdata"))
                    .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .start();
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(failureMessage(directory, e), e);
        }
    }

    private static String failureMessage(Path directory, Exception cause) {
        String user = System.getProperty("user.name");
        String hint = "root".equals(user)
                ? " PostgreSQL refuses some operations as root: run as a normal user, or set "
                        + JDBC_URL_KEY + " (and .username/.password) to an external PostgreSQL 15+."
                : " Set " + JDBC_URL_KEY + " (and .username/.password) to use an external PostgreSQL 15+ instead.";
        return "Embedded PostgreSQL could not start in " + directory + " as user '" + user + "': "
                + cause.getMessage() + "." + hint;
    }

    /** The datasource properties that point Quarkus at this database. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                JDBC_URL_KEY, postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    public Path directory() {
        return directory;
    }

    /** Reads a setting the way Quarkus would before Quarkus has started: system property, then environment. */
    public static Optional<String> setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("Embedded PostgreSQL in %s did not stop cleanly: %s", directory, e.getMessage());
        }
    }
}
