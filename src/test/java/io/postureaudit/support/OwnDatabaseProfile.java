package io.postureaudit.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs a test class in its own application and database: for tests that count what their own scans or imports
 * wrote (change records, resources, findings), which other tests' data would add to. Quarkus starts one application
 * per profile class, so a group of tests that must not see each other's data either subclasses this once more.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
