package com.example.trading.exchange.order;

/**
 * How long an order works at the venue. A placement that names none works as before time in force
 * existed: a LIMIT order rests until its {@code expiresAt} or the configured TTL.
 *
 * <ul>
 *   <li>{@code DAY}: a LIMIT order rests until the session close (or its {@code expiresAt}, if
 *       earlier), when its remainder expires;
 *   <li>{@code GTC}: a LIMIT order rests until it fills or is cancelled (or its {@code expiresAt});
 *   <li>{@code IOC}: what fills on arrival fills; the remainder is cancelled at once;
 *   <li>{@code FOK}: the whole quantity fills on arrival in one fill, or none of it does and the
 *       order is cancelled at once.
 * </ul>
 */
public enum TimeInForce {
  DAY,
  GTC,
  IOC,
  FOK;

  /** Whether the venue ends the order on arrival (what did not fill is cancelled). */
  boolean endsOnArrival() {
    return this == IOC || this == FOK;
  }
}
