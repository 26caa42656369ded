-- Slack as the team's workflow (issue 10): typed events in the outbox, delivery keys looked up before a resend,
-- alert threads, per-channel digests, and replay protection for Slack's interactivity requests.

alter table outbox_message
    add column sink           text    not null default 'slack',  -- slack | pagerduty
    add column event_type     text,                              -- FindingEvent type: opened, resolved, ...
    add column channel        text,                              -- routed Slack channel (id or name); null = by channel_key
    add column delivery_key   text,                              -- sent with the message, looked up before a resend
    add column maybe_sent     boolean not null default false,    -- an attempt may have reached the sink unacknowledged
    add column remote_channel text,                              -- Slack's channel id once posted
    add column remote_ref     text;                              -- Slack ts / PagerDuty dedup key once delivered
update outbox_message set delivery_key = 'pa-legacy-' || id where delivery_key is null;
alter table outbox_message alter column delivery_key set not null;
create unique index outbox_delivery_key_idx on outbox_message (delivery_key);
create index outbox_status_idx on outbox_message (status, id);
create index outbox_finding_idx on outbox_message (finding_id) where finding_id is not null;

-- The alert a finding got in a channel: later state changes are replies in its thread, and it is updated.
create table slack_alert (
    finding_id bigint not null references finding (id) on delete cascade,
    channel    text   not null,
    message_id bigint not null references outbox_message (id) on delete cascade,
    primary key (finding_id, channel)
);

-- What waits for a channel's next digest (events not worth an immediate alert, or held by quiet hours).
create table digest_item (
    id                bigint generated always as identity primary key,
    channel           text        not null,
    finding_id        bigint      references finding (id) on delete set null,
    event_type        text        not null,
    payload           jsonb       not null,
    created_at        timestamptz not null,
    digest_message_id bigint      references outbox_message (id) on delete set null
);
create index digest_item_waiting_idx on digest_item (channel, id) where digest_message_id is null;

-- Signatures of accepted interactivity requests, so a replayed request within the 5-minute window is refused.
create table slack_request (
    signature   text primary key,
    received_at timestamptz not null
);
