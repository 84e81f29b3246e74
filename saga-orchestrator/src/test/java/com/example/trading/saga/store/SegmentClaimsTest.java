package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.platform.axon.BoundedCache;
import java.util.Set;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

class SegmentClaimsTest {

  private final BoundedCache sagas = new BoundedCache(10);
  private final RollbackSafeSagaCache cache =
      new RollbackSafeSagaCache(new InMemorySagaStore(), sagas, new BoundedCache(10));
  private final SegmentClaims claims = new SegmentClaims(cache, Set::of);

  @Test
  void theCacheSurvivesWhileTheSameSegmentsAreClaimed() {
    claims.observe(Set.of(0, 1));
    cache.insertSaga(Object.class, "saga-1", "state", Set.of(new AssociationValue("orderId", "o-1")));

    claims.observe(Set.of(1, 0));

    assertThat(sagas.containsKey("saga-1")).isTrue();
  }

  @Test
  void aSegmentGoingOrComingClearsTheCache() {
    claims.observe(Set.of(0, 1));
    cache.insertSaga(Object.class, "saga-1", "state", Set.of(new AssociationValue("orderId", "o-1")));
    claims.observe(Set.of(0));
    assertThat(sagas.containsKey("saga-1")).as("a segment released").isFalse();

    cache.insertSaga(Object.class, "saga-2", "state", Set.of(new AssociationValue("orderId", "o-2")));
    claims.observe(Set.of(0, 1));
    assertThat(sagas.containsKey("saga-2")).as("a segment claimed").isFalse();
  }

  @Test
  void theSegmentsAreSharedOutRoundedUp() {
    assertThat(SagaSegmentBalancer.fairShare(4, 1)).isEqualTo(4);
    assertThat(SagaSegmentBalancer.fairShare(4, 2)).isEqualTo(2);
    assertThat(SagaSegmentBalancer.fairShare(4, 3)).isEqualTo(2);
    assertThat(SagaSegmentBalancer.fairShare(4, 8)).isEqualTo(1);
    assertThat(SagaSegmentBalancer.fairShare(4, 0)).isEqualTo(4);
  }
}
