package io.postureaudit.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs the collection and import tests in their own application and database, so that the resources and
 * findings they add never change what other end-to-end tests count. A random HTTP port keeps them clear of
 * any other test application on the machine.
 */
public class CollectTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0");
    }
}
