package com.example.trading.exchange.execution;

/** What an execution reports about its order. */
public enum ExecutionType {
  /** Some or all of the order traded at a price. */
  FILL,
  /**
   * A stop order's stop price was reached (at {@code price}, the last price then): it works from
   * now on as a MARKET (STOP) or LIMIT (STOP_LIMIT) order. Nothing traded.
   */
  TRIGGERED,
  /** The order's unfilled remainder was cancelled at the client's request. */
  CANCELLED,
  /** The order's unfilled remainder expired. */
  EXPIRED,
  /** The venue refused the order; nothing of it traded. */
  REJECTED
}
