-- When each saga last made progress (moved to a step), as opposed to when its row last changed (a
-- retry changes it too): operators' "stuck" is "no progress for a while", not "started long ago".
alter table saga_status add column progressed_at timestamptz;
update saga_status set progressed_at = updated_at;
alter table saga_status alter column progressed_at set not null;
alter table saga_status alter column progressed_at set default now();
drop index saga_status_unfinished_idx;
create index saga_status_unfinished_idx on saga_status (progressed_at) where finished_at is null;
-- Finished rows are deleted after a retention period (SagaStatusCleanUp).
create index saga_status_finished_idx on saga_status (finished_at) where finished_at is not null;
