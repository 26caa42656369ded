-- Foundation schema: accounts, scans with coverage and gaps, content-addressed resource versions,
-- findings with a status history, and the notification outbox.

create table account (
    id           varchar(12) primary key,
    name         text        not null,
    sample       boolean     not null default false,
    created_at   timestamptz not null default now()
);

create table scan (
    id           bigint generated always as identity primary key,
    trigger      text        not null,            -- schedule | api | import | startup-sample
    status       text        not null check (status in ('running', 'succeeded', 'partial', 'failed')),
    started_at   timestamptz not null,
    finished_at  timestamptz,
    error        text,
    sample       boolean     not null default false
);
create index scan_started_idx on scan (started_at desc);

create table scan_account (
    scan_id      bigint      not null references scan (id) on delete cascade,
    account_id   varchar(12) not null references account (id),
    status       text        not null check (status in ('running', 'succeeded', 'partial', 'failed')),
    resources    integer     not null default 0,
    primary key (scan_id, account_id)
);

-- One row per (account, region, service) the scan attempted: complete = no gap in that scope.
create table scan_coverage (
    scan_id      bigint      not null references scan (id) on delete cascade,
    account_id   varchar(12) not null,
    region       text        not null,
    service      text        not null,
    complete     boolean     not null,
    resources    integer     not null default 0,
    primary key (scan_id, account_id, region, service)
);

create table scan_gap (
    id           bigint generated always as identity primary key,
    scan_id      bigint      not null references scan (id) on delete cascade,
    account_id   varchar(12) not null,
    region       text        not null,
    service      text        not null,
    operation    text        not null,
    error        text        not null,
    resource_arn text
);
create index scan_gap_scan_idx on scan_gap (scan_id);

create table resource (
    id                 bigint generated always as identity primary key,
    arn                text        not null,
    type               text        not null,
    account_id         varchar(12) not null references account (id),
    region             text        not null,
    name               text,
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    last_scan_id       bigint      not null,
    current_version_id bigint,
    -- Volatile facts (last used, credential report ages) change every scan; keeping them out of the
    -- hashed content stops them from minting a new version each time.
    observed           jsonb,
    unique (account_id, arn)
);
create index resource_type_idx on resource (type, account_id, region);

create table resource_version (
    id            bigint generated always as identity primary key,
    resource_id   bigint      not null references resource (id) on delete cascade,
    content_hash  char(64)    not null,
    data          jsonb       not null,
    first_scan_id bigint      not null,
    created_at    timestamptz not null,
    unique (resource_id, content_hash)
);
alter table resource add constraint resource_current_version_fk
    foreign key (current_version_id) references resource_version (id) deferrable initially deferred;

-- Which version each scan saw: two ids a row, so an unchanged estate costs no new documents.
create table scan_resource (
    scan_id             bigint not null references scan (id) on delete cascade,
    resource_version_id bigint not null references resource_version (id) on delete cascade,
    primary key (scan_id, resource_version_id)
);

create table finding (
    id                  bigint generated always as identity primary key,
    fingerprint         char(64)    not null unique,   -- sha256(rule id, account id, resource arn)
    rule_id             text        not null,
    title               text        not null,
    severity            text        not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
    status              text        not null check (status in ('open', 'resolved', 'suppressed')),
    account_id          varchar(12) not null references account (id),
    region              text        not null,
    resource_type       text        not null,
    resource_arn        text        not null,
    message             text        not null,
    evidence            jsonb,
    first_seen          timestamptz not null,
    last_seen           timestamptz not null,
    last_scan_id        bigint      not null,
    resolved_at         timestamptz,
    reopen_count        integer     not null default 0,
    suppressed_by       text,
    suppressed_at       timestamptz,
    suppress_reason     text,
    suppress_expires_at timestamptz
);
create index finding_status_severity_idx on finding (status, severity);
create index finding_account_idx on finding (account_id, status);
create index finding_rule_idx on finding (rule_id);
create index finding_type_idx on finding (resource_type);
create index finding_last_seen_idx on finding (last_seen desc);
create index finding_suppress_expiry_idx on finding (suppress_expires_at) where status = 'suppressed';

create table finding_history (
    id          bigint generated always as identity primary key,
    finding_id  bigint      not null references finding (id) on delete cascade,
    from_status text,
    to_status   text        not null,
    event       text        not null,   -- opened | resolved | reopened | suppressed | unsuppressed | expired | regraded
    actor       text        not null,   -- 'scan' or the signed-in user
    reason      text,
    scan_id     bigint,
    at          timestamptz not null
);
create index finding_history_finding_idx on finding_history (finding_id, at);

create table outbox_message (
    id              bigint generated always as identity primary key,
    kind            text        not null,            -- finding-opened | finding-reopened | digest | report
    channel_key     text        not null,            -- alerts | digest | reports
    finding_id      bigint references finding (id) on delete set null,
    payload         jsonb       not null,
    status          text        not null check (status in ('pending', 'delivered', 'failed', 'disabled')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index outbox_pending_idx on outbox_message (next_attempt_at) where status = 'pending';
