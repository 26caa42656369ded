-- A finding a gap kept from being judged says which gap (issue 8): {scanId, region, service, operation, error, resourceArn}.
alter table finding add column held_by jsonb;

-- A principal whose policies could not all be read is not judged: it has no score, never a clean one.
alter table principal_analysis alter column score drop not null;
