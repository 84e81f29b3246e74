package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

  private final RefreshPolicy policy = new RefreshPolicy(50, Duration.ofMillis(100), 0);

  @Test
  void anIdleViewRefreshesEachBatchAtOnce() {
    assertThat(policy.immediateRefreshAfter(3, 1_000)).hasValue(0);
    assertThat(policy.immediateRefreshAfter(2, 2_000)).hasValue(0);
  }

  @Test
  void batchesCloserThanTheMinimumIntervalWaitForIt() {
    assertThat(policy.immediateRefreshAfter(1, 1_000)).hasValue(0);
    assertThat(policy.immediateRefreshAfter(1, 1_030)).hasValue(70);
    assertThat(policy.immediateRefreshAfter(1, 1_100))
        .as("after the refresh at 1,100")
        .hasValue(100);
  }

  @Test
  void aViewAboveTheRateWaitsForTheScheduledRefresh() {
    assertThat(policy.immediateRefreshAfter(40, 1_000)).hasValue(0);
    assertThat(policy.immediateRefreshAfter(40, 1_100)).as("15 events available").isEmpty();
    assertThat(policy.immediateRefreshAfter(80, 3_000)).as("more than a second's worth").isEmpty();
  }

  @Test
  void theRateIsEarnedBackContinuouslyUpToOneSecondsWorth() {
    assertThat(policy.immediateRefreshAfter(50, 1_000)).hasValue(0);
    assertThat(policy.immediateRefreshAfter(25, 1_400)).as("20 earned").isEmpty();
    assertThat(policy.immediateRefreshAfter(25, 1_500)).as("25 earned").hasValue(0);
    assertThat(policy.immediateRefreshAfter(51, 60_000)).as("never more than 50").isEmpty();
    assertThat(policy.immediateRefreshAfter(50, 60_000)).hasValue(0);
  }

  @Test
  void aRateOfZeroAlwaysWaitsForTheScheduledRefresh() {
    RefreshPolicy never = new RefreshPolicy(0, Duration.ofMillis(100), 0);

    assertThat(never.immediateRefreshAfter(1, 3_600_000)).isEmpty();
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThatThrownBy(() -> new RefreshPolicy(-1, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
