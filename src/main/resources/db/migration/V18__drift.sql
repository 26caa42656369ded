-- Drift: what changed between two complete scans of a scope, what it meant for access, who made it (actor,
-- filled by CloudTrail attribution), accepted baselines and the drift score per scan.

-- A resource a complete scan of its scope no longer sees is deleted: it leaves the API and the simulator's
-- snapshot, but its versions, changes and findings stay for history. Seeing it again clears the mark.
alter table resource add column deleted_at timestamptz;
alter table resource add column deleted_scan_id bigint;
create index resource_live_idx on resource (account_id, region) where deleted_at is null;

create table resource_change (
    id                bigint generated always as identity primary key,
    scan_id           bigint      not null references scan (id) on delete cascade,
    previous_scan_id  bigint      not null,    -- the previous complete scan of the same scope
    account_id        varchar(12) not null references account (id),
    region            text        not null,
    resource_type     text        not null,
    resource_arn      text        not null,
    resource_id       bigint      references resource (id) on delete cascade,
    name              text,
    change            text        not null check (change in ('created', 'modified', 'deleted')),
    cosmetic          boolean     not null default false,
    fields            jsonb       not null,    -- [{"path": JSON pointer into data, "before", "after"}]
    effect            jsonb,                   -- IAM-bearing resources only: granted/revoked/trust/risks/principals
    actor             jsonb,                   -- null = unattributed; else {"principal","userName","event",...}
    before_version_id bigint      references resource_version (id) on delete set null,
    after_version_id  bigint      references resource_version (id) on delete set null,
    detected_at       timestamptz not null
);
create index resource_change_account_idx on resource_change (account_id, id desc);
create index resource_change_scan_idx on resource_change (scan_id);
create index resource_change_type_idx on resource_change (resource_type, id desc);
create index resource_change_detected_idx on resource_change (detected_at desc);

-- An admin's acceptance of an account's state as of one scan; the newest row is the account's baseline.
create table drift_baseline (
    id          bigint generated always as identity primary key,
    account_id  varchar(12) not null references account (id),
    scan_id     bigint      not null references scan (id) on delete cascade,
    accepted_by text        not null,
    accepted_at timestamptz not null
);
create index drift_baseline_account_idx on drift_baseline (account_id, id desc);

-- Drift score per account per scan (trend): severity-weighted open drift findings since the baseline.
create table drift_score (
    scan_id          bigint      not null references scan (id) on delete cascade,
    account_id       varchar(12) not null references account (id),
    baseline_scan_id bigint,
    score            bigint      not null check (score >= 0),
    changes          integer     not null,   -- non-cosmetic changes since the baseline
    computed_at      timestamptz not null,
    primary key (scan_id, account_id)
);
create index drift_score_account_idx on drift_score (account_id, scan_id desc);
