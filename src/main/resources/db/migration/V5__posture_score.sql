-- Posture score per account per scan, kept for trends. The environment label (the account's name when the scan
-- ran: prod, staging, dev) is stored with the row so that environment trends survive renames.
create table posture_score (
    id             bigint generated always as identity primary key,
    scan_id        bigint        not null references scan (id) on delete cascade,
    account_id     varchar(12)   not null references account (id),
    environment    text          not null,
    score          numeric(5, 1) not null check (score between 0 and 100),
    checked_weight bigint        not null,   -- sum of severity weights over every (rule, resource) check
    failing_weight bigint        not null,   -- sum of severity weights over the account's open findings
    open_critical  integer       not null,
    open_high      integer       not null,
    open_medium    integer       not null,
    open_low       integer       not null,
    open_info      integer       not null,
    computed_at    timestamptz   not null,
    unique (scan_id, account_id)
);
create index posture_score_account_idx on posture_score (account_id, computed_at desc);
create index posture_score_environment_idx on posture_score (environment, computed_at desc);
