package io.postureaudit.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while PostgreSQL answers; reports, per account, how old its last complete scan is (informational: a stale
 * scan is an alert for the operator, not a reason to take the replica out of the load balancer).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;
    private final AgroalDataSource dataSource;
    private final OperationsState state;
    private final Clock clock;

    public DatabaseReadiness(AgroalDataSource dataSource, OperationsState state, Clock clock) {
        this.dataSource = dataSource;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("posture-database");
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                return response.down().withData("database", "no answer within " + TIMEOUT_SECONDS + " s").build();
            }
        } catch (SQLException e) {
            return response.down().withData("database", "unreachable").build();
        }
        response.up().withData("database", "ok");
        Map<String, Instant> last = state.lastCompleteScans();
        Instant now = clock.instant();
        last.forEach((account, at) -> response.withData("lastCompleteScanAgeSeconds." + account,
                Math.max(0, Duration.between(at, now).toSeconds())));
        return response.build();
    }
}
