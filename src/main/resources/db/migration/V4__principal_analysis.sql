-- Least-privilege analysis per principal per scan, kept for trends. Written only for accounts whose IAM was read
-- completely in that scan, so the latest row is always an analysis of a whole picture.
create table principal_analysis (
    scan_id     bigint      not null references scan (id) on delete cascade,
    account_id  varchar(12) not null,
    arn         text        not null,
    type        text        not null,
    name        text,
    score       integer     not null check (score between 0 and 100),
    risks       jsonb       not null,
    facts       jsonb       not null,
    suggestion  jsonb,
    unresolved  jsonb       not null,
    errors      jsonb       not null,
    primary key (scan_id, account_id, arn)
);
create index principal_analysis_account_idx on principal_analysis (account_id, scan_id desc);
create index principal_analysis_arn_idx on principal_analysis (arn, scan_id desc);
