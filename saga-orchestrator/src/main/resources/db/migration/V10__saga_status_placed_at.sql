-- When the order was placed (its OrderPlaced's time on the command side), so a saga's end can be
-- measured from the placement (the trading.saga.placement_to_end timer), not from when the saga
-- first read it. Null for sagas begun before this column, which are measured from started_at.
alter table saga_status add column placed_at timestamptz;
