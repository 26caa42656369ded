package io.postureaudit.report;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs the report tests in their own application and database, so that the history they seed (findings, scores,
 * scans in March 2026) never changes what other tests count, and theirs never changes the report's figures.
 */
public class ReportTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0", "posture.report.zone", "Asia/Tokyo",
                "posture.slack.channels.reports", "C0REPORTS");
    }
}
