package io.postureaudit.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs the drift tests in their own application and database: they count change records between their own
 * scans, which other tests' scans would add to.
 */
public class DriftTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
