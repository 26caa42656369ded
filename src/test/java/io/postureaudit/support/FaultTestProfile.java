package io.postureaudit.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The fault tests' own application and database, with short AWS timeouts so that a hung endpoint costs seconds:
 * one attempt may take 1 s, a call with its retries 3 s, and a call gets four attempts.
 */
public class FaultTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0",
                "posture.aws.api-call-attempt-timeout", "PT1S",
                "posture.aws.api-call-timeout", "PT3S",
                "posture.aws.max-attempts", "4");
    }
}
