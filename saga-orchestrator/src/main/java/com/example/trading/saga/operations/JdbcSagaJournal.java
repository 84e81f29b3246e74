package com.example.trading.saga.operations;

import com.example.trading.saga.order.Ending;
import com.example.trading.saga.order.SagaJournal;
import com.example.trading.saga.order.SagaStep;
import com.example.trading.schemas.MessageMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code saga_status} in step with the sagas (one row per order, written in the saga's
 * transaction) and counts transitions, retries and ends. Moving to a step is progress ({@code
 * progressed_at}); a retry is not. The correlation id of an order's journey is its order id. The
 * same statements arm the saga's one deadline ({@code deadline_at}, replaced by every move and
 * retry, cleared at the end), which {@code StepDeadlines} delivers when it comes due.
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
                                 deadline_causation_id)
        values (?, ?, ?, ?, now() + ? * interval '1 millisecond', ?, ?)
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
        envelope.causationId());
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
    jdbc.update(
        """
        update saga_status set ending = ?, finished_at = now(), updated_at = now(),
          deadline_at = null, deadline_traceparent = null, deadline_causation_id = null
        where order_id = ?""",
        ending.toString(),
        orderId);
    meters.counter("trading.saga.finished", "outcome", ending.outcome().name()).increment();
  }

  /**
   * The trace context and cause of the step arming a deadline (the event the saga is handling), so
   * the deadline, appended later by another thread, continues that journey's trace.
   */
  private record Envelope(String traceparent, String causationId) {

    static Envelope ofCurrentStep() {
      if (!CurrentUnitOfWork.isStarted()) {
        return new Envelope(null, null);
      }
      Map<String, ?> data = CurrentUnitOfWork.get().getCorrelationData();
      return new Envelope(
          Objects.toString(data.get(MessageMetadata.TRACEPARENT), null),
          CurrentUnitOfWork.get().getMessage().getIdentifier());
    }
  }
}
