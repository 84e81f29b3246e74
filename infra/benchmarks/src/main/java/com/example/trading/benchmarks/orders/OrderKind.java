package com.example.trading.benchmarks.orders;

import java.util.Set;

/** The kinds of order in a run, what each is for, and how each must end. Shares are out of 100. */
public enum OrderKind {
  MARKET_BUY(25, Set.of("FILLED")),
  MARKET_SELL(20, Set.of("FILLED")),
  /** A BUY limit 3% above the price: fills on arrival. */
  LIMIT_BUY_CROSSING(10, Set.of("FILLED")),
  /** A SELL limit 3% below the price: fills on arrival. */
  LIMIT_SELL_CROSSING(10, Set.of("FILLED")),
  /**
   * A limit 20% away from the price, cancelled by the customer 0.5–3 s after placing. The cancel
   * can lose the race against the venue's time in force when that is short and the system slow (an
   * orchestrator restarting): then the order expires, and is compensated the same way.
   */
  LIMIT_RESTING_THEN_CANCELLED(10, Set.of("CANCELLED", "EXPIRED")),
  /** A market order cancelled the moment it is accepted: races the saga, either end is right. */
  MARKET_CANCELLED_AT_ONCE(5, Set.of("CANCELLED", "FILLED")),
  /** A limit BUY on the halted instrument: the venue rejects it, everything is given back. */
  HALTED(5, Set.of("REJECTED MARKET_REJECTED")),
  /** A SELL of far more than the account holds. */
  MORE_THAN_HELD(5, Set.of("REJECTED INSUFFICIENT_HOLDING")),
  /** A maxFee below the minimum fee. */
  FEE_ABOVE_MAX(5, Set.of("REJECTED FEE_REJECTED")),
  /**
   * A limit 20% away, never cancelled: ends when the venue's time in force runs out (runs with
   * short expiry only).
   */
  LIMIT_RESTING_UNTIL_EXPIRY(5, Set.of("EXPIRED")),
  /** An IOC limit 20% away from the price: nothing fills on arrival, so all of it is cancelled. */
  LIMIT_IOC_AWAY(3, Set.of("CANCELLED")),
  /** A FOK BUY limit 3% above the price: fills whole on arrival, in one fill. */
  LIMIT_FOK_CROSSING(3, Set.of("FILLED")),
  /** A BUY STOP 3% below the price: reached already, so it triggers on arrival and fills. */
  STOP_BUY_REACHED(3, Set.of("FILLED")),
  /** A SELL STOP_LIMIT whose stop (3% above) is reached and whose limit (3% below) crosses. */
  STOP_LIMIT_SELL_REACHED(3, Set.of("FILLED")),
  /** A GTC limit 20% away, cancelled by the customer 0.5–3 s after placing: it never expires. */
  GTC_RESTING_THEN_CANCELLED(3, Set.of("CANCELLED")),
  /**
   * A GTC limit 20% away, replaced by the customer (one share more, 1% closer, still away) 0.25–1.5
   * s after placing, once it works at the venue (asked again every second while it is not there
   * yet), then cancelled 0.25–1.5 s after the order recorded the replace's answer. The replace may
   * be refused (the reservation, the venue); the order ends cancelled either way.
   */
  GTC_REPLACED_THEN_CANCELLED(3, Set.of("CANCELLED"));

  private final int share;
  private final Set<String> expectedEnds;

  OrderKind(int share, Set<String> expectedEnds) {
    this.share = share;
    this.expectedEnds = expectedEnds;
  }

  public int share() {
    return share;
  }

  /** The ends ({@code OrderOutcome.endLabel()}) an order of this kind may reach. */
  public Set<String> expectedEnds() {
    return expectedEnds;
  }

  /**
   * Whether the order waits on the market by design (its latency is the test's choice, not the
   * system's).
   */
  public boolean restsByDesign() {
    return this == LIMIT_RESTING_THEN_CANCELLED || this == LIMIT_RESTING_UNTIL_EXPIRY;
  }
}
