package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SagaSegmentBalancerTest {

  @Test
  void theSegmentsAreSharedOutRoundedUp() {
    assertThat(SagaSegmentBalancer.fairShare(4, 1)).isEqualTo(4);
    assertThat(SagaSegmentBalancer.fairShare(4, 2)).isEqualTo(2);
    assertThat(SagaSegmentBalancer.fairShare(4, 3)).isEqualTo(2);
    assertThat(SagaSegmentBalancer.fairShare(4, 8)).isEqualTo(1);
    assertThat(SagaSegmentBalancer.fairShare(4, 0)).isEqualTo(4);
  }
}
