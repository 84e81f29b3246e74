-- Each saga's armed step deadline lives in its status row, written by the same statement that
-- records the step (or the retry), instead of a db-scheduler task per step (an insert, and a
-- select and a delete to cancel it: a third of this database's statement time under load).
-- StepDeadlines appends a due one to the event store and clears it in one transaction; the
-- trace context and cause of the step that armed it travel with it.
alter table saga_status add column deadline_at timestamptz;
alter table saga_status add column deadline_traceparent varchar(255);
alter table saga_status add column deadline_causation_id varchar(255);
create index saga_status_deadline_idx on saga_status (deadline_at) where deadline_at is not null;
