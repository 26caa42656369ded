-- IaC coverage history: per scan and account, how many live resources the configured Terraform states account
-- for (managed or changed) out of those that count (AWS-managed resources and state entries without a live
-- resource do not). terraform_status keeps only the current picture; the study-session report's trend reads this.
-- Written only while states are configured, so a team without Terraform has no history, not a 0 % one.
create table terraform_coverage (
    scan_id         bigint      not null references scan (id) on delete cascade,
    account_id      varchar(12) not null,
    covered         bigint      not null check (covered >= 0),
    counted         bigint      not null check (counted >= covered),
    states_complete boolean     not null,
    computed_at     timestamptz not null,
    primary key (scan_id, account_id)
);
create index terraform_coverage_account_idx on terraform_coverage (account_id, computed_at desc);
