package io.postureaudit;

import io.postureaudit.config.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Entry point: provisions the embedded PostgreSQL when no external database is configured, then starts
 * Quarkus. The datasource URL must exist before Quarkus reads its configuration, hence this main.
 */
@QuarkusMain
public final class PostureMain {

    private static final Logger LOG = Logger.getLogger(PostureMain.class);

    private PostureMain() {
    }

    public static void main(String... args) {
        if (EmbeddedDatabase.setting(EmbeddedDatabase.JDBC_URL_KEY).isEmpty()) {
            Path dir = EmbeddedDatabase.setting(EmbeddedDatabase.DATA_DIR_KEY)
                    .map(Path::of)
                    .orElse(Path.of(System.getProperty("user.home"), ".posture-audit"));
            EmbeddedDatabase database;
            try {
                database = EmbeddedDatabase.start(dir, false);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            database.datasourceProperties().forEach(System::setProperty);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
            LOG.infof("Using embedded PostgreSQL with data in %s", dir);
        }
        Quarkus.run(args);
    }
}
