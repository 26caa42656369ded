-- The findings list at a million findings (issue 12, docs/benchmarks.md "Findings list"). EXPLAIN ANALYZE on 1M rows
-- showed four things that do not hold at 50 requests/s: the unfiltered list sorts every row (no index starts with
-- severity_rank), every total and per-filter count reads every matching row (count(*) over 150k open findings
-- took 100 ms, over all of them 300 ms), the free-text search reads every open row, and deep pages walk OFFSET rows.

-- The list's order without a status filter (the API's default), and within one account.
create index finding_rank_idx on finding (severity_rank, last_seen desc, id desc);
create index finding_account_list_idx on finding (account_id, status, severity_rank, last_seen desc, id desc);

-- Counts that stay bounded: how many findings there are per combination of the list's equality filters, kept
-- exact in the same transaction as every change of a finding. Totals and the counts per status, severity and
-- triage state sum at most (accounts x rules x statuses x triage states) rows instead of counting findings.
-- Rows that drop to zero stay (they are reused when a finding comes back); sums ignore them.
create table finding_tally (
    account_id    varchar(12) not null,
    status        text        not null,
    severity      text        not null,
    triage_state  text        not null,
    rule_id       text        not null,
    resource_type text        not null,
    n             bigint      not null,
    primary key (account_id, status, severity, triage_state, rule_id, resource_type)
);

insert into finding_tally (account_id, status, severity, triage_state, rule_id, resource_type, n)
select account_id, status, severity, triage_state, rule_id, resource_type, count(*)
from finding group by account_id, status, severity, triage_state, rule_id, resource_type;

create function finding_tally_apply() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update finding_tally set n = n - 1
        where account_id = old.account_id and status = old.status and severity = old.severity
          and triage_state = old.triage_state and rule_id = old.rule_id and resource_type = old.resource_type;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into finding_tally (account_id, status, severity, triage_state, rule_id, resource_type, n)
        values (new.account_id, new.status, new.severity, new.triage_state, new.rule_id, new.resource_type, 1)
        on conflict (account_id, status, severity, triage_state, rule_id, resource_type)
        do update set n = finding_tally.n + 1;
    end if;
    return null;
end
$$;

create trigger finding_tally_insert_delete after insert or delete on finding
    for each row execute function finding_tally_apply();
-- A scan updates last_seen of every finding it sees: only a change of a counted column touches the tally.
create trigger finding_tally_update after update of account_id, status, severity, triage_state, rule_id, resource_type
    on finding for each row
    when (old.account_id is distinct from new.account_id or old.status is distinct from new.status
          or old.severity is distinct from new.severity or old.triage_state is distinct from new.triage_state
          or old.rule_id is distinct from new.rule_id or old.resource_type is distinct from new.resource_type)
    execute function finding_tally_apply();

-- Free text (title, message, resource ARN; lower(...) like '%term%') through trigram indexes. pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension (a database owner may create it); where it is not installed or
-- may not be created, the search still works, by reading the rows, and this says so in the migration log.
do $$
begin
    create extension if not exists pg_trgm;
    create index finding_title_trgm_idx on finding using gin (lower(title) gin_trgm_ops);
    create index finding_message_trgm_idx on finding using gin (lower(message) gin_trgm_ops);
    create index finding_arn_trgm_idx on finding using gin (lower(resource_arn) gin_trgm_ops);
exception when insufficient_privilege or undefined_file or feature_not_supported then
    raise warning 'pg_trgm is not available (%): the findings free-text search reads every matching row', sqlerrm;
end
$$;
