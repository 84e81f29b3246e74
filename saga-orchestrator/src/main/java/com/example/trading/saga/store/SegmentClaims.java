package com.example.trading.saga.store;

import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the saga cache honest when segments move between instances. The cache holds sagas this
 * instance handled; once one of its segments has been handled elsewhere, the copies of that
 * segment's sagas may be stale. So whenever the set of segments claimed here changes (seen before
 * every event the saga processor handles, and by {@link SagaSegmentBalancer}'s rounds, which see a
 * segment go before it can come back: a release lasts longer than a round), the whole cache is
 * cleared: moves are rare, and a cold cache is only slower.
 */
final class SegmentClaims {

  private static final Logger log = LoggerFactory.getLogger(SegmentClaims.class);

  private final RollbackSafeSagaCache cache;
  private final Supplier<Set<Integer>> claimed;
  private final AtomicReference<Set<Integer>> last = new AtomicReference<>(Set.of());

  SegmentClaims(RollbackSafeSagaCache cache, Supplier<Set<Integer>> claimed) {
    this.cache = cache;
    this.claimed = claimed;
  }

  /** Checks the segments claimed here now (before every event the saga processor handles). */
  void observeNow() {
    observe(claimed.get());
  }

  /** Clears the cache when {@code now} differs from the segments last seen claimed here. */
  void observe(Set<Integer> now) {
    Set<Integer> before = last.get();
    if (!before.equals(now) && last.compareAndSet(before, Set.copyOf(now))) {
      cache.clear();
      log.info("saga segments claimed here changed from {} to {}; saga cache cleared", before, now);
    }
  }
}
