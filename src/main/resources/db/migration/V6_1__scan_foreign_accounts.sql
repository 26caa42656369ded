-- Resources an import named under another account (issue 8): {"999988887777": 3}; null or {} when none.
alter table scan_account add column foreign_accounts jsonb;
