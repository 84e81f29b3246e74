package com.example.trading.saga.store;

import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.saga.order.SagaStep;
import com.example.trading.saga.order.StepDeadlinePassed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers the sagas' step deadlines: each saga's one armed deadline is in its {@code saga_status}
 * row ({@code deadline_at}, set by the journal in the saga's own transaction with the step or retry
 * it belongs to). Every {@code trading.saga.deadlines.polling-interval}, up to {@code batch-size}
 * due deadlines are taken ({@code for update skip locked}: on any number of instances, each by one)
 * and, in the same transaction that clears them, appended to the orchestrator's event store as
 * {@link StepDeadlinePassed} with the step and retry of the row and the trace context and cause of
 * the step that armed it. So a deadline is stored once, reaches the saga in store order behind
 * every answer stored before it (on whichever instance owns its segment), and measures the other
 * party's silence, not our queue; one that arrives after the saga moved on names a step or retry it
 * has left and changes nothing. A row the saga is changing at that moment is locked and skipped
 * until the next round, when it holds the saga's new deadline.
 */
@Component
class StepDeadlines extends PollingWorker {

  private final JdbcTemplate jdbc;
  private final EventStoreTransactions transaction;
  private final EventStore eventStore;
  private final Duration pollingInterval;
  private final int batchSize;
  private final Counter delivered;

  StepDeadlines(
      JdbcTemplate jdbc,
      EventStoreTransactions transaction,
      EventStore eventStore,
      MeterRegistry meters,
      @Value("${trading.saga.deadlines.polling-interval:1s}") Duration pollingInterval,
      @Value("${trading.saga.deadlines.batch-size:200}") int batchSize) {
    super("step-deadlines");
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.eventStore = eventStore;
    this.pollingInterval = pollingInterval;
    this.batchSize = batchSize;
    this.delivered = meters.counter("trading.saga.deadlines.delivered");
  }

  @Override
  protected boolean workOnce() {
    return deliverDue() >= batchSize;
  }

  @Override
  protected Duration idlePause() {
    return pollingInterval;
  }

  /** Appends the deadlines due now to the event store and clears them; returns how many. */
  int deliverDue() {
    Integer count =
        transaction.execute(
            () -> {
              List<EventMessage<?>> due =
                  jdbc.query(
                      """
          update saga_status s set deadline_at = null
          from (select order_id from saga_status where deadline_at <= now()
                order by deadline_at limit ? for update skip locked) d
          where s.order_id = d.order_id
          returning s.order_id, s.step, s.retries, s.deadline_traceparent, s.deadline_causation_id""",
                      (rs, n) ->
                          deadline(
                              rs.getString("order_id"),
                              SagaStep.valueOf(rs.getString("step")),
                              rs.getInt("retries"),
                              rs.getString("deadline_traceparent"),
                              rs.getString("deadline_causation_id")),
                      batchSize);
              if (!due.isEmpty()) {
                eventStore.publish(due);
              }
              return due.size();
            });
    delivered.increment(count);
    return count;
  }

  private static EventMessage<?> deadline(
      String orderId, SagaStep step, int retry, String traceparent, String causationId) {
    return StoredEvents.of(
        UUID.randomUUID().toString(),
        new StepDeadlinePassed(orderId, step, retry),
        orderId,
        causationId,
        traceparent);
  }
}
