package com.example.trading.saga.operations;

import com.example.trading.saga.order.Ending;
import com.example.trading.saga.order.SagaJournal;
import com.example.trading.saga.order.SagaStep;
import com.example.trading.saga.store.StoredEvents;
import com.example.trading.schemas.MessageMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code saga_status} in step with the sagas (one row per order, written in the saga's
 * transaction) and counts transitions, retries and ends. Moving to a step is progress ({@code
 * progressed_at}); a retry is not. The correlation id of an order's journey is its order id. A
 * saga's end records {@code trading.saga.placement_to_end} (from its order's placement, {@code
 * placed_at}, by outcome; percentile histogram for Prometheus). The same statements arm the saga's
 * one deadline ({@code deadline_at}, replaced by every move and retry, cleared at the end), which
 * {@code StepDeadlines} delivers when it comes due.
 */
@Component
class JdbcSagaJournal implements SagaJournal {

  private final JdbcTemplate jdbc;
  private final MeterRegistry meters;

  JdbcSagaJournal(JdbcTemplate jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  @Override
  public void moved(String orderId, SagaStep step, Ending ending, Duration deadlineIn) {
    Envelope envelope = Envelope.ofCurrentStep();
    jdbc.update(
        """
        insert into saga_status (order_id, correlation_id, step, ending, deadline_at, deadline_traceparent,
                                 deadline_causation_id, placed_at)
        values (?, ?, ?, ?, now() + ? * interval '1 millisecond', ?, ?, ?)
        on conflict (order_id) do update
          set step = excluded.step, ending = excluded.ending, retries = 0, waiting_for = null, updated_at = now(),
              progressed_at = now(), deadline_at = excluded.deadline_at,
              deadline_traceparent = excluded.deadline_traceparent,
              deadline_causation_id = excluded.deadline_causation_id""",
        orderId,
        orderId,
        step.name(),
        ending == null ? null : ending.toString(),
        deadlineIn.toMillis(),
        envelope.traceparent(),
        envelope.causationId(),
        envelope.occurredAt());
    meters.counter("trading.saga.transitions", "step", step.name()).increment();
  }

  @Override
  public void retrying(
      String orderId, SagaStep step, int retry, String waitingFor, Duration deadlineIn) {
    Envelope envelope = Envelope.ofCurrentStep();
    jdbc.update(
        """
        update saga_status set retries = ?, waiting_for = ?, updated_at = now(),
               deadline_at = now() + ? * interval '1 millisecond', deadline_traceparent = ?, deadline_causation_id = ?
        where order_id = ?""",
        retry,
        waitingFor,
        deadlineIn.toMillis(),
        envelope.traceparent(),
        envelope.causationId(),
        orderId);
    meters.counter("trading.saga.retries", "step", step.name()).increment();
  }

  @Override
  public void finished(String orderId, Ending ending) {
    List<Double> sincePlaced =
        jdbc.queryForList(
            """
            update saga_status set ending = ?, finished_at = now(), updated_at = now(),
              deadline_at = null, deadline_traceparent = null, deadline_causation_id = null
            where order_id = ?
            returning extract(epoch from now() - coalesce(placed_at, started_at))::float8""",
            Double.class,
            ending.toString(),
            orderId);
    meters.counter("trading.saga.finished", "outcome", ending.outcome().name()).increment();
    for (Double seconds : sincePlaced) {
      Timer.builder("trading.saga.placement_to_end")
          .description("From the order's placement on the command side to its saga's end")
          .tag("outcome", ending.outcome().name())
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(10))
          .maximumExpectedValue(Duration.ofMinutes(10))
          .register(meters)
          .record(Duration.ofNanos((long) (seconds * 1e9)));
    }
  }

  /**
   * The trace context and cause of the step arming a deadline (the event the saga is handling), so
   * the deadline, appended later by another thread, continues that journey's trace; and when that
   * event happened on the command side (for a saga's first step: when the order was placed).
   */
  private record Envelope(String traceparent, String causationId, Timestamp occurredAt) {

    static Envelope ofCurrentStep() {
      if (!CurrentUnitOfWork.isStarted()) {
        return new Envelope(null, null, null);
      }
      Map<String, ?> data = CurrentUnitOfWork.get().getCorrelationData();
      Object occurredAt =
          CurrentUnitOfWork.get().getMessage().getMetaData().get(StoredEvents.OCCURRED_AT);
      return new Envelope(
          Objects.toString(data.get(MessageMetadata.TRACEPARENT), null),
          CurrentUnitOfWork.get().getMessage().getIdentifier(),
          occurredAt == null ? null : Timestamp.from(Instant.parse(occurredAt.toString())));
    }
  }
}
