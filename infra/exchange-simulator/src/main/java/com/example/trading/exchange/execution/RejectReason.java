package com.example.trading.exchange.execution;

/** Why the venue refused an order (in the placement answer and in its REJECTED execution). */
public enum RejectReason {
  /** The instrument is not listed on this venue. */
  UNKNOWN_INSTRUMENT,
  /** Trading in the instrument is halted. */
  INSTRUMENT_HALTED,
  /**
   * The current price of a MARKET order's instrument is already beyond the order's price
   * protection.
   */
  PRICE_PROTECTION,
  /** The LIMIT order's {@code expiresAt} was not in the future when it arrived. */
  ALREADY_EXPIRED,
  /** Refused at random, at the configured reject rate (a resilience-test setting). */
  RANDOM_REJECT
}
