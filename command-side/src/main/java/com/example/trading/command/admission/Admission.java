package com.example.trading.command.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Admission control of new orders: an order is refused before anything is stored while the work
 * queued in the saga's loop ({@link SagaBacklog}) exceeds {@code trading.admission.max-backlog}
 * (how long a message now waits there, at its consumers' recent rates) and {@code
 * trading.admission.min-backlog-events}, so the system pushes back at the edge instead of accepting
 * orders it would serve late. An order's journey passes that queue once per saga step. Cancels and
 * deposits are always admitted (a cancel reduces the work). Refusals are counted in {@code
 * trading.admission.refused}.
 */
@Component
public class Admission {

  private final SagaBacklog backlog;
  private final Duration maxBacklog;
  private final long minBacklogEvents;
  private final Counter refused;

  Admission(
      SagaBacklog backlog,
      MeterRegistry meters,
      @Value("${trading.admission.max-backlog:2s}") Duration maxBacklog,
      @Value("${trading.admission.min-backlog-events:500}") long minBacklogEvents) {
    this.backlog = backlog;
    this.maxBacklog = maxBacklog;
    this.minBacklogEvents = minBacklogEvents;
    this.refused = meters.counter("trading.admission.refused");
  }

  /** Admits a new order, or throws {@link BacklogTooLong}. */
  public void admitOrder() {
    BacklogTooLong refusal = verdict(backlog.current(), maxBacklog, minBacklogEvents);
    if (refusal != null) {
      refused.increment();
      throw refusal;
    }
  }

  /** The refusal the estimate calls for, or null to admit. */
  static BacklogTooLong verdict(
      BacklogEstimate estimate, Duration maxBacklog, long minBacklogEvents) {
    double bound = maxBacklog.toMillis() / 1000.0;
    double seconds = estimate.seconds();
    if (estimate.events() <= minBacklogEvents || seconds <= bound) {
      return null;
    }
    long retryAfter =
        Double.isInfinite(seconds)
            ? 5
            : Math.max(1, Math.min(30, (long) Math.ceil(seconds - bound)));
    return new BacklogTooLong(estimate, bound, retryAfter);
  }

  /**
   * The orchestrator has more work queued than the bound allows; retry after {@link
   * #retryAfterSeconds()}.
   */
  public static final class BacklogTooLong extends RuntimeException {

    private final long retryAfterSeconds;

    BacklogTooLong(BacklogEstimate estimate, double boundSeconds, long retryAfterSeconds) {
      super(describe(estimate, boundSeconds, retryAfterSeconds));
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    private static String describe(
        BacklogEstimate estimate, double boundSeconds, long retryAfterSeconds) {
      String work =
          Double.isInfinite(estimate.seconds())
              ? estimate.events()
                  + " events and commands wait in the order saga's loop and nothing is reading them"
              : "%d events and commands wait in the order saga's loop, about %.1f s of work at the recent rates"
                  .formatted(estimate.events(), estimate.seconds());
      return "%s (the bound is %.0f s); nothing was stored: place the order again in %d s"
          .formatted(work, boundSeconds, retryAfterSeconds);
    }
  }
}
