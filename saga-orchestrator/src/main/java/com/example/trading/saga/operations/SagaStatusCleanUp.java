package com.example.trading.saga.operations;

import com.example.trading.platform.worker.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the {@code saga_status} rows of sagas that finished more than {@code retention} ago (7
 * days), in batches, every {@code interval} (10 min); counter {@code
 * trading.saga.cleanup.removed{table="saga_status"}}. Any instance may run it at the same time: a
 * row is deleted once.
 */
@Component
class SagaStatusCleanUp extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(SagaStatusCleanUp.class);
  private static final int BATCH = 1_000;

  private final JdbcTemplate jdbc;
  private final Duration retention;
  private final Duration interval;
  private final Counter removed;

  SagaStatusCleanUp(
      JdbcTemplate jdbc,
      MeterRegistry meters,
      @Value("${trading.saga.status.retention:P7D}") Duration retention,
      @Value("${trading.saga.status.clean-up-interval:10m}") Duration interval) {
    super("saga-status-clean-up");
    this.jdbc = jdbc;
    this.retention = retention;
    this.interval = interval;
    this.removed = meters.counter("trading.saga.cleanup.removed", "table", "saga_status");
  }

  @Override
  protected boolean workOnce() {
    int deleted =
        jdbc.update(
            """
        delete from saga_status where order_id in (
          select order_id from saga_status where finished_at < ? limit ?)""",
            Timestamp.from(Instant.now().minus(retention)),
            BATCH);
    if (deleted > 0) {
      removed.increment(deleted);
      log.info(
          "deleted {} saga status rows of sagas finished more than {} ago", deleted, retention);
    }
    return deleted == BATCH;
  }

  @Override
  protected Duration idlePause() {
    return interval;
  }
}
