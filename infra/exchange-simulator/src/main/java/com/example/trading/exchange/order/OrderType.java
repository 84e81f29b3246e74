package com.example.trading.exchange.order;

/** How an order is priced. */
public enum OrderType {
  /** Fills at once near the reference price, never beyond its price protection. */
  MARKET,
  /** Rests until the price reaches its limit; fills at the limit or better. */
  LIMIT
}
