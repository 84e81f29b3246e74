-- The orchestrator's own tables beside Axon's (V1 events/tokens, V2 sagas). All written in the
-- same transactions as the saga state they belong to.

-- Commands the sagas decided, published to Kafka by the relay (at least once, in id order) and
-- marked published only after the broker acknowledged. payload: the contract's JSON (MessageCodec).
create table command_outbox (
    id             bigint generated always as identity primary key,
    message_id     varchar(64)  not null,
    topic          varchar(255) not null,
    message_key    varchar(255) not null,
    message_type   varchar(255) not null,
    revision       integer      not null,
    payload        bytea        not null,
    correlation_id varchar(255),
    causation_id   varchar(255),
    traceparent    varchar(255),
    created_at     timestamptz  not null default now(),
    published_at   timestamptz,
    constraint command_outbox_message_id_uk unique (message_id)
);
-- The relay's scan: what is not published yet, oldest first. Stays small however long the table.
create index command_outbox_unpublished_idx on command_outbox (id) where published_at is null;
-- The clean-up of published rows past their retention.
create index command_outbox_published_idx on command_outbox (published_at) where published_at is not null;

-- What the sagas asked of the market gateway (quote, submit, cancel). A worker makes the HTTP
-- call outside the saga's transaction and records the outcome as an event in the event store in
-- the same transaction that marks the request done. Requests of one order run one at a time, in
-- id order.
create table market_request (
    id              bigint generated always as identity primary key,
    order_id        varchar(255) not null,
    kind            varchar(32)  not null,
    payload         bytea        not null,
    correlation_id  varchar(255),
    causation_id    varchar(255),
    traceparent     varchar(255),
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      text,
    done_at         timestamptz,
    outcome         varchar(255)
);
create index market_request_due_idx on market_request (next_attempt_at, id) where done_at is null;
create index market_request_order_idx on market_request (order_id, id);

-- How far the gateway has read the venue's executions feed; advanced in the same transaction as
-- the events recording the executions read.
create table market_cursor (
    feed       varchar(64) primary key,
    position   bigint      not null,
    updated_at timestamptz not null default now()
);
insert into market_cursor (feed, position) values ('executions', 0);

-- Each saga's step, for operators: the stuck-saga query and the by-step metrics. Written by the
-- saga in its own transaction, so it never disagrees with the stored saga.
create table saga_status (
    order_id       varchar(255) primary key,
    correlation_id varchar(255) not null,
    step           varchar(64)  not null,
    ending         varchar(255),
    retries        integer      not null default 0,
    waiting_for    text,
    started_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    finished_at    timestamptz
);
create index saga_status_unfinished_idx on saga_status (started_at) where finished_at is null;

-- Records of the event topics the inbox could not read (unknown type, malformed), kept for an
-- operator to inspect and re-drive instead of stalling the partition.
create table inbox_rejected (
    id          bigint generated always as identity primary key,
    topic       varchar(255) not null,
    partition   integer      not null,
    "offset"    bigint       not null,
    message_key varchar(255),
    headers     text         not null,
    payload     bytea,
    reason      text         not null,
    rejected_at timestamptz  not null default now(),
    constraint inbox_rejected_source_uk unique (topic, partition, "offset")
);

-- db-scheduler's table (the saga deadlines of Axon's DbSchedulerDeadlineManager), as db-scheduler
-- 16 defines it for PostgreSQL.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
