-- The orchestrator instances that are alive: each writes its heartbeat here every few seconds, and
-- the saga segments are shared out among the instances seen recently (SagaSegmentBalancer).
create table saga_node (
  node_id text primary key,
  seen_at timestamptz not null
);
