package com.example.trading.projections.pipeline;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Whether a live view's batch refreshes its index at once ({@code refresh=true}) or waits for the
 * index's scheduled refresh (1 s). Each refresh writes a new segment (its files created, later
 * merged away), and on this machine costs Elasticsearch tens of milliseconds of CPU. So a view
 * refreshes at once only while the whole process is idle (its batches fit the shared {@link
 * IdleEventBudget}), and at most once per {@code minInterval}: an idle system sees a deposit or an
 * order's end as soon as it is written, while under load each scheduled refresh serves the many
 * events written since the last one. One view's thread.
 */
final class RefreshPolicy {

  private final IdleEventBudget idle;
  private final long minIntervalMillis;
  private long lastImmediateAt;

  RefreshPolicy(IdleEventBudget idle, Duration minInterval, long nowMillis) {
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must not be negative");
    }
    this.idle = idle;
    this.minIntervalMillis = minInterval.toMillis();
    this.lastImmediateAt = nowMillis - minIntervalMillis;
  }

  /**
   * For a batch of {@code events} at {@code nowMillis}: how many milliseconds to wait before
   * refreshing at once (0: now), or empty when the batch waits for the scheduled refresh.
   */
  OptionalLong immediateRefreshAfter(int events, long nowMillis) {
    if (!idle.take(events, nowMillis)) {
      return OptionalLong.empty();
    }
    long wait = Math.max(0, lastImmediateAt + minIntervalMillis - nowMillis);
    lastImmediateAt = nowMillis + wait;
    return OptionalLong.of(wait);
  }
}
