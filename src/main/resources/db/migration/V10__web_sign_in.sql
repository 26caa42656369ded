-- Web sign-in (issue 12): browser sessions from the /login form and API tokens for scripts.
-- Only SHA-256 hashes of the secrets are stored: a copy of the database signs nobody in.
create table web_session (
    token_hash  char(64)    primary key,        -- sha256 of the session cookie's value, hex
    username    text        not null,
    roles       text        not null,            -- comma list, as the identity provider gave them at sign-in
    csrf_token  text        not null,            -- the token every form of this session must carry
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index web_session_expiry_idx on web_session (expires_at);

create table api_token (
    id          bigint generated always as identity primary key,
    name        text        not null,
    role        text        not null check (role in ('viewer', 'admin')),
    token_hash  char(64)    not null unique,    -- sha256 of the bearer token, hex
    created_by  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz,
    last_used_at timestamptz,
    revoked_at  timestamptz
);

-- Triage: a person's view of a finding, separate from its lifecycle status (open/resolved/suppressed), kept on the
-- finding row so that it follows the finding across scans.
alter table finding add column triage_state text not null default 'new'
    check (triage_state in ('new', 'under-review', 'remediating', 'risk-accepted', 'false-positive'));
alter table finding add column triage_note text;
alter table finding add column triage_assignee text;
alter table finding add column triage_updated_by text;
alter table finding add column triage_updated_at timestamptz;
create index finding_triage_idx on finding (triage_state, status);
alter table finding_history add column from_triage text;
alter table finding_history add column to_triage text;

-- Lists sort by severity first: a rank column the index can serve, instead of CASE in ORDER BY.
alter table finding add column severity_rank smallint generated always as (
    case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end) stored;
create index finding_list_idx on finding (status, severity_rank, last_seen desc, id desc);
