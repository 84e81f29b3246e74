package com.example.trading.command.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final long MIN_EVENTS = 2000;

  @Test
  void admitsWhileTheBacklogIsWithinTheBound() {
    assertThat(Admission.verdict(BacklogEstimate.of(9_000, 1_000), BOUND, MIN_EVENTS)).isNull();
    assertThat(Admission.verdict(BacklogEstimate.NONE, BOUND, MIN_EVENTS)).isNull();
  }

  @Test
  void refusesWithRetryAfterWhenTheBacklogExceedsTheBound() {
    Admission.BacklogTooLong refusal =
        Admission.verdict(BacklogEstimate.of(15_000, 1_000), BOUND, MIN_EVENTS);

    assertThat(refusal).isNotNull();
    assertThat(refusal.retryAfterSeconds()).isEqualTo(5);
    assertThat(refusal.getMessage())
        .contains(
            "15000 events and commands",
            "15.0 s of work",
            "the bound is 10 s",
            "nothing was stored");
  }

  @Test
  void aSmallBacklogIsAdmittedEvenWhenNothingIsReadingIt() {
    assertThat(Admission.verdict(BacklogEstimate.of(500, 0), BOUND, MIN_EVENTS)).isNull();
  }

  @Test
  void aLargeBacklogThatNobodyReadsIsRefused() {
    Admission.BacklogTooLong refusal =
        Admission.verdict(BacklogEstimate.of(5_000, 0), BOUND, MIN_EVENTS);

    assertThat(refusal).isNotNull();
    assertThat(refusal.retryAfterSeconds()).isEqualTo(5);
    assertThat(refusal.getMessage()).contains("nothing is reading them");
  }

  @Test
  void theQueuesOfTheLoopAddUp() {
    BacklogEstimate events = BacklogEstimate.of(600, 1_000);
    BacklogEstimate commands = BacklogEstimate.of(900, 500);

    assertThat(Admission.verdict(events, BOUND, 100)).isNull();
    assertThat(Admission.verdict(commands, BOUND, 100)).isNull();
    assertThat(events.plus(commands).seconds())
        .isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Admission.verdict(events.plus(commands), Duration.ofSeconds(2), 100)).isNotNull();
  }

  @Test
  void retryAfterIsCappedAt30Seconds() {
    assertThat(
            Admission.verdict(BacklogEstimate.of(1_000_000, 100), BOUND, MIN_EVENTS)
                .retryAfterSeconds())
        .isEqualTo(30);
  }
}
