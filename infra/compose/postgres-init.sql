-- The compose stack's databases, as infra/local creates them: `command` (by POSTGRES_DB) and `saga`.
alter role trading createdb;
create database saga owner trading;
