-- A version on each saga, bumped by every write and checked by it (VersionedSagaStore): a saga
-- another instance changed since a batch read it fails that batch's write, which rolls back and is
-- retried on the saga as stored. Sagas stored before start at 0.
alter table saga_entry add column version bigint not null default 0;
