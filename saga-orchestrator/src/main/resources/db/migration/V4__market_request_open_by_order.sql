-- The gateway's claim asks, for every due request, whether its order has an earlier request still
-- open. With only (order_id, id) over every request ever made, that probe scanned the open ones
-- for each candidate (quadratic in a burst: 5 ms a claim with ~800 open). Open requests by order
-- make it one index probe.
create index market_request_open_by_order_idx on market_request (order_id, id) where done_at is null;
