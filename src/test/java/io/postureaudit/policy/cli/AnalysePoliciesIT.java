package io.postureaudit.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command as {@code mvn package} installs it, {@code target/quarkus-app/bin/analyse-policies.sh}, run the way the
 * README runs it: it finds the service's jar and Jackson beside itself and needs nothing else.
 */
class AnalysePoliciesIT {

    @Test
    void shouldAnalyseAuthorizationDetailsWithTheInstalledLauncher() throws Exception {
        Path app = Path.of(System.getProperty("posture.jar", "target/quarkus-app/quarkus-run.jar")).getParent();
        Path launcher = app.resolve("bin/analyse-policies.sh");
        assertTrue(Files.isRegularFile(launcher), "expected the packaged launcher at " + launcher);

        AnalysePoliciesTest.Launched run = AnalysePoliciesTest.launch(
                List.of("sh", launcher.toString(), AnalysePoliciesTest.DETAILS.toString()), Map.of());

        assertEquals(AnalysePolicies.NOT_JUDGED, run.code(), run.err());
        AnalysePoliciesTest.checkDetails(AnalysePoliciesTest.lines(run.out()), run.err());
    }
}
