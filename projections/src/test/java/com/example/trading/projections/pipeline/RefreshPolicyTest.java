package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

  private final IdleEventBudget idle = new IdleEventBudget(50, 0);
  private final RefreshPolicy policy = new RefreshPolicy(idle, Duration.ofMillis(100), 0);

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
  void theViewsOfOneProcessShareTheRate() {
    RefreshPolicy portfolios = new RefreshPolicy(idle, Duration.ofMillis(100), 0);

    assertThat(policy.immediateRefreshAfter(30, 1_000)).hasValue(0);
    assertThat(portfolios.immediateRefreshAfter(30, 1_000))
        .as("20 events left to the process")
        .isEmpty();
    assertThat(portfolios.immediateRefreshAfter(20, 1_000))
        .as("another view's minimum interval does not delay this one")
        .hasValue(0);
  }

  @Test
  void aRateOfZeroAlwaysWaitsForTheScheduledRefresh() {
    RefreshPolicy never = new RefreshPolicy(new IdleEventBudget(0, 0), Duration.ofMillis(100), 0);

    assertThat(never.immediateRefreshAfter(1, 3_600_000)).isEmpty();
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThatThrownBy(() -> new IdleEventBudget(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RefreshPolicy(idle, Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
