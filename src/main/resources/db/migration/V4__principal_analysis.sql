-- Least-privilege analysis per principal per scan, kept for trends. The analysis body (risks, facts, suggestion)
-- is stored once per distinct content, so repeated scans of an unchanged account add only a score row each.
-- Rows are written only for accounts whose IAM was read completely in that scan, so the latest row is always an
-- analysis of a whole picture.
create table principal_analysis_content (
    content_hash char(64) primary key,
    type         text  not null,
    name         text,
    risks        jsonb not null,
    facts        jsonb not null,
    suggestion   jsonb,
    unresolved   jsonb not null,
    errors       jsonb not null
);

create table principal_analysis (
    scan_id      bigint      not null references scan (id) on delete cascade,
    account_id   varchar(12) not null,
    arn          text        not null,
    score        integer     not null check (score between 0 and 100),
    content_hash char(64)    not null references principal_analysis_content (content_hash),
    primary key (scan_id, account_id, arn)
);
create index principal_analysis_account_idx on principal_analysis (account_id, scan_id desc);
create index principal_analysis_arn_idx on principal_analysis (arn, scan_id desc);
