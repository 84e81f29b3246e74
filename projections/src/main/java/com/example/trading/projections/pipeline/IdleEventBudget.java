package com.example.trading.projections.pipeline;

/**
 * How many events a second the projections process may apply, across all its views, and still count
 * as idle: a token bucket of that many events, refilled continuously, shared by every view's {@link
 * RefreshPolicy}. Shared, because one order moves several views at once (its document, the holdings
 * it reserves and settles, the ledger): counted per view, each view stayed under the bound at a few
 * orders a second and kept refreshing at once, which on this machine cost more Elasticsearch CPU
 * than the orders themselves (README "Benchmarks"). Thread-safe: the views' consumer threads take
 * from it.
 */
final class IdleEventBudget {

  private final double eventsPerSecond;
  private double tokens;
  private long tokensAt;

  IdleEventBudget(int eventsPerSecond, long nowMillis) {
    if (eventsPerSecond < 0) {
      throw new IllegalArgumentException("eventsPerSecond must not be negative");
    }
    this.eventsPerSecond = eventsPerSecond;
    this.tokens = eventsPerSecond;
    this.tokensAt = nowMillis;
  }

  /**
   * Whether {@code events} applied at {@code nowMillis} keep the process idle; if so they are taken
   * from the budget, otherwise nothing is taken.
   */
  synchronized boolean take(int events, long nowMillis) {
    tokens =
        Math.min(
            eventsPerSecond,
            tokens + Math.max(0, nowMillis - tokensAt) * eventsPerSecond / 1_000.0);
    tokensAt = Math.max(tokensAt, nowMillis);
    if (events > tokens) {
      return false;
    }
    tokens -= events;
    return true;
  }
}
