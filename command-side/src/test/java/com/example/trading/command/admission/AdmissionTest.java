package com.example.trading.command.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final long MIN_EVENTS = 2000;

  @Test
  void admitsWhileTheBacklogIsWithinTheBound() {
    assertThat(Admission.verdict(new BacklogEstimate(9_000, 1_000), BOUND, MIN_EVENTS)).isNull();
    assertThat(Admission.verdict(BacklogEstimate.NONE, BOUND, MIN_EVENTS)).isNull();
  }

  @Test
  void refusesWithRetryAfterWhenTheBacklogExceedsTheBound() {
    Admission.BacklogTooLong refusal = Admission.verdict(new BacklogEstimate(15_000, 1_000), BOUND, MIN_EVENTS);

    assertThat(refusal).isNotNull();
    assertThat(refusal.retryAfterSeconds()).isEqualTo(5);
    assertThat(refusal.getMessage()).contains("15000 events", "15.0 s of work", "the bound is 10 s",
        "nothing was stored");
  }

  @Test
  void aSmallBacklogIsAdmittedEvenWhenNothingIsReadingIt() {
    assertThat(Admission.verdict(new BacklogEstimate(500, 0), BOUND, MIN_EVENTS)).isNull();
  }

  @Test
  void aLargeBacklogThatNobodyReadsIsRefused() {
    Admission.BacklogTooLong refusal = Admission.verdict(new BacklogEstimate(5_000, 0), BOUND, MIN_EVENTS);

    assertThat(refusal).isNotNull();
    assertThat(refusal.retryAfterSeconds()).isEqualTo(5);
    assertThat(refusal.getMessage()).contains("not reading them");
  }

  @Test
  void retryAfterIsCappedAt30Seconds() {
    assertThat(Admission.verdict(new BacklogEstimate(1_000_000, 100), BOUND, MIN_EVENTS).retryAfterSeconds())
        .isEqualTo(30);
  }
}
