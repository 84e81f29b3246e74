package com.example.trading.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls until a condition yields a value: for outcomes that arrive asynchronously through the
 * system.
 */
final class Eventually {

  private Eventually() {}

  /**
   * Calls {@code probe} every 200 ms until it returns non-null, and returns that; fails after
   * {@code timeout}.
   */
  static <T> T within(Duration timeout, Callable<T> probe) {
    return within(timeout, probe, Duration.ofMillis(200));
  }

  /** Calls {@code probe} every {@code pause} until it returns non-null, as above. */
  static <T> T within(Duration timeout, Callable<T> probe, Duration pause) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.call();
        if (value != null) {
          return value;
        }
      } catch (Exception e) {
        last = e;
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(
        "not within " + timeout + (last == null ? "" : "; last failure: " + last), last);
  }
}
