package com.example.trading.saga.operations;

import com.example.trading.saga.order.Ending;
import com.example.trading.saga.order.SagaJournal;
import com.example.trading.saga.order.SagaStep;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code saga_status} in step with the sagas (one row per order, written in the saga's
 * transaction) and counts transitions, retries and ends. Moving to a step is progress
 * ({@code progressed_at}); a retry is not. The correlation id of an order's journey is its order id.
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
  public void moved(String orderId, SagaStep step, Ending ending) {
    jdbc.update("""
        insert into saga_status (order_id, correlation_id, step, ending) values (?, ?, ?, ?)
        on conflict (order_id) do update
          set step = excluded.step, ending = excluded.ending, retries = 0, waiting_for = null, updated_at = now(),
              progressed_at = now()""",
        orderId, orderId, step.name(), ending == null ? null : ending.toString());
    meters.counter("trading.saga.transitions", "step", step.name()).increment();
  }

  @Override
  public void retrying(String orderId, SagaStep step, int retry, String waitingFor) {
    jdbc.update("update saga_status set retries = ?, waiting_for = ?, updated_at = now() where order_id = ?",
        retry, waitingFor, orderId);
    meters.counter("trading.saga.retries", "step", step.name()).increment();
  }

  @Override
  public void finished(String orderId, Ending ending) {
    jdbc.update("update saga_status set ending = ?, finished_at = now(), updated_at = now() where order_id = ?",
        ending.toString(), orderId);
    meters.counter("trading.saga.finished", "outcome", ending.outcome().name()).increment();
  }
}
