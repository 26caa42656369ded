-- Quartz's clustered job store takes row locks in qrtz_locks and inserts a lock's row the first time it needs it.
-- Two replicas starting together on a fresh database both insert it: one gets a duplicate key, and under the
-- container-managed transaction it cannot roll back, so that replica fails to start. The rows exist up front
-- instead, for the scheduler name Quarkus uses (quarkus.quartz.instance-name, default QuarkusQuartzScheduler);
-- a renamed scheduler still gets its rows from Quartz on first use.
insert into qrtz_locks (sched_name, lock_name)
values ('QuarkusQuartzScheduler', 'TRIGGER_ACCESS'), ('QuarkusQuartzScheduler', 'STATE_ACCESS')
on conflict do nothing;
