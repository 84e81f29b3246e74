-- When the gateway first claimed a request to send it. A DAY order's lifetime at the venue counts
-- from its first submission's claim, so time the request waited in our own queue (a burst, a cold
-- start) does not eat the order's day; every later sending carries the same expiry.
alter table market_request add column first_claimed_at timestamptz;
