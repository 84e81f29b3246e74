package com.example.trading.exchange.order;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves the market at a fixed rate: every interval, one {@link OrderBook#tick()} on one background
 * thread. A failed tick is logged and the next one runs as planned. Stopping waits for a running
 * tick to finish rather than interrupt it (an interrupt would close the journal's file mid-write).
 */
public final class MarketTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MarketTicker.class);

  private final OrderBook book;
  private final Duration interval;
  private @Nullable ScheduledExecutorService executor;

  public MarketTicker(OrderBook book, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("tick interval must be positive: " + interval);
    }
    this.book = book;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("market-ticker").daemon().factory());
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("a market tick did not finish within 10 s of shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  private void tick() {
    try {
      book.tick();
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: keep the market moving.
      log.error("market tick failed", e);
    }
  }
}
