package io.postureaudit.scan;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a scan on {@code posture.scan.cron} (Quartz syntax; {@code off} disables it). */
@ApplicationScoped
public class ScanJob {

    private final ScanService scans;

    public ScanJob(ScanService scans) {
        this.scans = scans;
    }

    @Scheduled(identity = "posture-scan", cron = "{posture.scan.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledScan() {
        scans.start("schedule");
    }
}
