package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleEventBudgetTest {

  private final IdleEventBudget budget = new IdleEventBudget(50, 0);

  @Test
  void theRateIsEarnedBackContinuouslyUpToOneSecondsWorth() {
    assertThat(budget.take(50, 1_000)).isTrue();
    assertThat(budget.take(25, 1_400)).as("20 earned").isFalse();
    assertThat(budget.take(25, 1_500)).as("25 earned").isTrue();
    assertThat(budget.take(51, 60_000)).as("never more than 50").isFalse();
    assertThat(budget.take(50, 60_000)).isTrue();
  }

  @Test
  void aRefusedBatchTakesNothing() {
    assertThat(budget.take(40, 1_000)).isTrue();
    assertThat(budget.take(11, 1_000)).isFalse();
    assertThat(budget.take(10, 1_000)).as("the 10 left").isTrue();
  }

  @Test
  void aThreadWithAnOlderClockReadingEarnsNothingTwice() {
    assertThat(budget.take(50, 2_000)).isTrue();
    assertThat(budget.take(1, 1_500)).as("earlier than the last reading").isFalse();
    assertThat(budget.take(5, 2_100)).as("100 ms after the last reading: 5 earned").isTrue();
  }
}
