package com.example.trading.exchange.order;

/**
 * MARKET fills on arrival, LIMIT at its limit or better. STOP and STOP_LIMIT wait for the last
 * price to reach their stop (a BUY's when it rises to it, a SELL's when it falls to it), then work
 * as MARKET (within its price protection) and LIMIT.
 */
public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT;

  /** Whether the order names a limit price (and must). */
  public boolean hasLimitPrice() {
    return this == LIMIT || this == STOP_LIMIT;
  }

  /** Whether the order names a stop price (and must). */
  public boolean hasStopPrice() {
    return this == STOP || this == STOP_LIMIT;
  }

  /** Whether it fills at the market price (MARKET, and STOP once triggered), not at a limit. */
  public boolean fillsAtMarket() {
    return this == MARKET || this == STOP;
  }
}
