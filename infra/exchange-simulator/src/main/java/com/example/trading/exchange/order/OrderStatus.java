package com.example.trading.exchange.order;

/** Where an order stands at the venue. Only ACCEPTED and PARTIALLY_FILLED orders are live. */
public enum OrderStatus {
  ACCEPTED,
  PARTIALLY_FILLED,
  FILLED,
  CANCELLED,
  EXPIRED,
  REJECTED;

  /** Whether the order can still fill, be cancelled or expire. */
  public boolean isLive() {
    return this == ACCEPTED || this == PARTIALLY_FILLED;
  }
}
