package com.example.trading.schemas.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {

  private final FeeSchedule standard = FeeSchedule.STANDARD_V1;

  @Test
  void theFeeIsTenBasisPointsOfTheNotionalInCentsBetweenTheMinimumAndTheMaximum() {
    assertThat(standard.feeFor(new BigDecimal("4217.00"))).isEqualByComparingTo("4.22");
    assertThat(standard.feeFor(new BigDecimal("4427.85"))).isEqualByComparingTo("4.43");
    assertThat(standard.feeFor(new BigDecimal("3.00"))).isEqualByComparingTo("1.00");
    assertThat(standard.feeFor(new BigDecimal("1000000"))).isEqualByComparingTo("50.00");
  }

  @Test
  void aRecordedNameFindsItsScheduleAndAnUnknownNameIsRefused() {
    assertThat(FeeSchedule.named("standard-v1")).isEqualTo(standard);
    assertThatThrownBy(() -> FeeSchedule.named("gold-v9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold-v9");
  }
}
