package io.postureaudit.scan;

import io.postureaudit.notify.OutboxDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.quartz.SchedulerException;

/**
 * Ends a live scan when its last account is recorded, whichever node recorded it, retrying through a database
 * outage; what still cannot be written is left to {@link ScanWatchdog}, which finds the scan on its next round.
 */
@ApplicationScoped
public class ScanFinisher {

    private static final Logger LOG = Logger.getLogger(ScanFinisher.class);
    private final ScanStore store;
    private final AccountJobs jobs;
    private final OutboxDelivery delivery;
    private final ScanMetrics metrics;

    public ScanFinisher(ScanStore store, AccountJobs jobs, OutboxDelivery delivery, ScanMetrics metrics) {
        this.store = store;
        this.jobs = jobs;
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /** @return the final status when this call finished the scan */
    public Optional<String> finishIfComplete(long scanId) {
        Optional<String> status;
        try {
            status = StoreRetry.run("finishing scan " + scanId, () -> store.finishIfComplete(scanId));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scan %d could not be finished now; the scan watchdog will finish it", scanId);
            return Optional.empty();
        }
        status.ifPresent(s -> finished(scanId, s));
        return status;
    }

    /** What follows the end of a scan: metrics, alerts out, the scan's Quartz jobs removed. */
    void finished(long scanId, String status) {
        LOG.infof("Scan %d finished: %s", scanId, status);
        metrics.scanFinished(status);
        try {
            jobs.forget(scanId);
        } catch (SchedulerException | RuntimeException e) {
            LOG.warnf("Scan %d: its account jobs could not be removed now (%s); the watchdog removes them later",
                    scanId, e.getMessage());
        }
        try {
            delivery.deliverPending();
        } catch (RuntimeException e) {
            LOG.warnf("Scan %d: alert delivery failed (%s); the outbox retries on its own schedule", scanId,
                    e.getMessage());
        }
    }
}
