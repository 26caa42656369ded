package io.postureaudit.scan;

import io.postureaudit.collect.AccountTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The Quartz side of a live scan: one durable job per account that asks for recovery, so that the cluster spreads a
 * scan over the replicas and re-runs an account on another node when the node running it dies. Job data holds only
 * strings (the JDBC store keeps it as properties), enough to rebuild the {@link AccountTarget}.
 */
@ApplicationScoped
public class AccountJobs {

    static final String SCAN_ID = "scanId";
    static final String ACCOUNT_ID = "accountId";
    static final String NAME = "name";
    static final String ROLE_ARN = "roleArn";
    static final String EXTERNAL_ID = "externalId";
    static final String REGIONS = "regions";
    static final String ATTEMPT = "attempt";
    private final Scheduler scheduler;

    public AccountJobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    static String group(long scanId) {
        return "scan-" + scanId;
    }

    static JobKey key(long scanId, String accountId) {
        return JobKey.jobKey(accountId, group(scanId));
    }

    /** Stores one account's job and its first trigger; joins the caller's transaction (jdbc-cmt). */
    public void schedule(long scanId, AccountTarget target) {
        JobDataMap data = new JobDataMap();
        data.put(SCAN_ID, Long.toString(scanId));
        data.put(ACCOUNT_ID, target.id());
        data.put(NAME, target.name());
        target.roleArn().ifPresent(r -> data.put(ROLE_ARN, r));
        target.externalId().ifPresent(e -> data.put(EXTERNAL_ID, e));
        data.put(REGIONS, String.join(",", target.regions()));
        JobDetail job = JobBuilder.newJob(AccountScanJob.class).withIdentity(key(scanId, target.id()))
                .withDescription("scan " + scanId + ", account " + target.id()).usingJobData(data)
                .storeDurably().requestRecovery().build();
        try {
            scheduler.scheduleJob(job, trigger(job.getKey(), Instant.now(), 1));
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduling account " + target.id() + " of scan " + scanId + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the account's job again later (no free slot on this node, or a retry after a database outage). */
    public void retryLater(JobKey job, Duration delay, int attempt) throws SchedulerException {
        scheduler.scheduleJob(trigger(job, Instant.now().plus(delay), attempt));
    }

    private static Trigger trigger(JobKey job, Instant at, int attempt) {
        return TriggerBuilder.newTrigger().forJob(job)
                .withIdentity(job.getName() + "-" + attempt + "-" + at.toEpochMilli(), job.getGroup())
                .usingJobData(ATTEMPT, Integer.toString(attempt)).startAt(Date.from(at)).build();
    }

    /**
     * Wakes this node's Quartz thread after the scheduling transaction committed: the JDBC store signals it while
     * the triggers are still invisible to its query, and it would otherwise sleep until its next idle poll.
     * ({@code resumeJob} of a job that is not paused changes nothing but notifies the scheduler thread.)
     */
    public void wake(long scanId, String accountId) {
        try {
            scheduler.resumeJob(key(scanId, accountId));
        } catch (SchedulerException e) {
            // Only a latency hint: the idle poll picks the triggers up anyway.
        }
    }

    /** Whether Quartz still holds a trigger for the account's job: waiting, acquired or executing on some node. */
    public boolean pending(long scanId, String accountId) throws SchedulerException {
        return !scheduler.getTriggersOfJob(key(scanId, accountId)).isEmpty();
    }

    /** Removes the durable jobs of a finished scan. */
    public void forget(long scanId) throws SchedulerException {
        List<JobKey> keys = List.copyOf(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group(scanId))));
        if (!keys.isEmpty()) {
            scheduler.deleteJobs(keys);
        }
    }

    /** Groups of scans that still have jobs stored. */
    public List<Long> scansWithJobs() throws SchedulerException {
        return scheduler.getJobGroupNames().stream().filter(g -> g.startsWith("scan-"))
                .map(g -> Long.parseLong(g.substring(5))).toList();
    }

    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler has no instance id: " + e.getMessage(), e);
        }
    }

    static AccountTarget target(JobDataMap data) {
        return new AccountTarget(data.getString(ACCOUNT_ID), data.getString(NAME),
                Optional.ofNullable(data.getString(ROLE_ARN)), Optional.ofNullable(data.getString(EXTERNAL_ID)),
                Arrays.stream(data.getString(REGIONS).split(",")).map(String::strip).filter(r -> !r.isEmpty())
                        .toList());
    }
}
