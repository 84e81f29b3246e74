-- What operators did to sagas through /ops/sagas/{orderId}/... (today: re-send what the saga
-- waits for), with who, why and what it touched; written in the transaction that acts, so a
-- recorded action happened and an action that happened is recorded.
create table saga_operator_action (
    id         bigint generated always as identity primary key,
    order_id   varchar(255) not null,
    action     varchar(32)  not null,
    step       varchar(64)  not null,
    operator   varchar(255) not null,
    reason     text         not null,
    detail     text         not null,
    acted_at   timestamptz  not null default now()
);
create index saga_operator_action_order_idx on saga_operator_action (order_id, id);
