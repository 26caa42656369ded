-- Clustered scans (issue 13). A live scan is planned as one Quartz job per account; scan_plan lists the accounts
-- it must hear from, so that whichever node records the last account finishes the scan, and the watchdog can
-- tell a lost account job from one still queued or running.
create table scan_plan (
    scan_id      bigint      not null references scan (id) on delete cascade,
    account_id   varchar(12) not null,
    name         text,
    primary key (scan_id, account_id)
);

-- A scan of data already in memory (offline import, sample estate) runs in the process that received it; that
-- process's Quartz instance id is kept so that another node can fail the scan honestly when that process dies.
alter table scan add column runner text;
