-- Study-session reports: one row per generated report with its period, language and every format, so the
-- archive shows exactly what the session saw. The model (the computed numbers) is kept as JSON so that
-- editing the action items re-renders the same numbers, never a recomputation against a moved database.
create table report (
    id            bigint generated always as identity primary key,
    period_from   date        not null,            -- first day, in posture.report.zone
    period_to     date        not null,            -- last day, inclusive
    period_start  timestamptz not null,
    period_end    timestamptz not null,
    zone          text        not null,
    language      text        not null check (language in ('en', 'ja')),
    trigger       text        not null,            -- api | schedule
    status        text        not null check (status in ('pending', 'ready', 'failed')),
    created_by    text        not null,
    created_at    timestamptz not null,
    finished_at   timestamptz,
    error         text,
    model         jsonb,
    markdown      text,
    html          text,
    pdf           bytea,
    outbox_id     bigint                           -- the Slack post, once asked for: one per report
);
create index report_created_idx on report (created_at desc);
-- One scheduled report per period, even with several replicas running the schedule.
create unique index report_schedule_once_idx on report (period_from, period_to) where trigger = 'schedule';

-- Action items of one report, in order. Carried-over items point at the item they continue.
create table report_action_item (
    id            bigint generated always as identity primary key,
    report_id     bigint      not null references report (id) on delete cascade,
    position      integer     not null,
    text          text        not null,
    owner         text,
    status        text        not null check (status in ('open', 'done', 'dropped')),
    origin        text        not null check (origin in ('carried', 'proposed', 'added')),
    finding_id    bigint      references finding (id) on delete set null,
    carried_from  bigint      references report_action_item (id) on delete set null,
    updated_by    text        not null,
    updated_at    timestamptz not null
);
create index report_action_item_report_idx on report_action_item (report_id, position);
