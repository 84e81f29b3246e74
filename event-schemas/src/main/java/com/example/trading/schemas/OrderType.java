package com.example.trading.schemas;

/**
 * MARKET fills at the market price (within its price protection); LIMIT at the limit or better.
 * STOP and STOP_LIMIT wait at the venue until the last price reaches their stop price (a BUY stop
 * when it rises to it, a SELL stop when it falls to it), then work as MARKET and LIMIT.
 */
public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT;

  /** Whether the order names a limit price (and must). */
  public boolean hasLimitPrice() {
    return switch (this) {
      case LIMIT, STOP_LIMIT -> true;
      case MARKET, STOP -> false;
    };
  }

  /** Whether the order names a stop price (and must). */
  public boolean hasStopPrice() {
    return switch (this) {
      case STOP, STOP_LIMIT -> true;
      case MARKET, LIMIT -> false;
    };
  }
}
