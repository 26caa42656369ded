-- Issue 9b: how each live resource stands against Terraform state, as classified by the latest scan of its
-- account (older classifications are replaced: the API shows the current picture, the scan's gaps say why
-- it may be incomplete). Sensitive state attributes are never written here; only compared fields are.
create table terraform_status (
    id            bigint generated always as identity primary key,
    scan_id       bigint      not null references scan (id) on delete cascade,
    account_id    varchar(12) not null,
    resource_type text        not null,
    resource_arn  text        not null,
    address       text,
    status        text        not null check (status in ('managed', 'changed', 'unmanaged', 'missing', 'aws-managed')),
    fields        jsonb       not null default '[]'::jsonb
);
create index terraform_status_account_idx on terraform_status (account_id, resource_type);
