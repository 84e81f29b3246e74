package com.example.trading.projections.pipeline;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Whether a live view's batch refreshes its index at once ({@code refresh=true}) or waits for the
 * index's scheduled refresh (1 s). Each refresh writes a new segment (its files created, later
 * merged away): under load, refreshing every 100 ms was half of Elasticsearch's CPU. So a view
 * refreshes at once only while it applies fewer than {@code eventsPerSecond} events a second (a
 * token bucket of that many events, refilled continuously), and at most once per {@code
 * minInterval}: an idle system sees a deposit or an order's end as soon as it is written, while
 * under load each scheduled refresh serves the many events written since the last one. One view's
 * thread.
 */
final class RefreshPolicy {

  private final double eventsPerSecond;
  private final long minIntervalMillis;
  private double tokens;
  private long tokensAt;
  private long lastImmediateAt;

  RefreshPolicy(int eventsPerSecond, Duration minInterval, long nowMillis) {
    if (eventsPerSecond < 0 || minInterval.isNegative()) {
      throw new IllegalArgumentException("eventsPerSecond and minInterval must not be negative");
    }
    this.eventsPerSecond = eventsPerSecond;
    this.minIntervalMillis = minInterval.toMillis();
    this.tokens = eventsPerSecond;
    this.tokensAt = nowMillis;
    this.lastImmediateAt = nowMillis - minIntervalMillis;
  }

  /**
   * For a batch of {@code events} at {@code nowMillis}: how many milliseconds to wait before
   * refreshing at once (0: now), or empty when the batch waits for the scheduled refresh.
   */
  OptionalLong immediateRefreshAfter(int events, long nowMillis) {
    tokens = Math.min(eventsPerSecond, tokens + (nowMillis - tokensAt) * eventsPerSecond / 1_000.0);
    tokensAt = nowMillis;
    if (events > tokens) {
      return OptionalLong.empty();
    }
    tokens -= events;
    long wait = Math.max(0, lastImmediateAt + minIntervalMillis - nowMillis);
    lastImmediateAt = nowMillis + wait;
    return OptionalLong.of(wait);
  }
}
