package com.example.trading.saga.outbox;

import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.OutgoingMessage;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.schemas.MessageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code command_outbox} to Kafka: key = the command's target aggregate id, value = the
 * contract JSON, headers = the message envelope. A row is marked published only after the broker
 * acknowledged it, in the transaction that read it, so a crash re-publishes (at least once; the
 * command side's aggregates make a repeat change nothing) and never skips.
 *
 * <p>One relay at a time across instances (a PostgreSQL advisory lock per batch) and rows in id
 * order through an idempotent producer, so commands for one aggregate reach Kafka in the order the
 * sagas decided them. Published rows are deleted after {@code retention}. One thread.
 */
@Component
class OutboxRelay extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** The advisory lock that makes one relay the publisher. */
  private static final long RELAY_LOCK = 0x5A6A_0001L;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final MessageSender producer;
  private final int batchSize;
  private final Traces traces;
  private final Duration idlePause;
  private final Duration retention;
  private final Counter published;
  private final Counter cleanedUp;
  private Instant nextCleanUp = Instant.EPOCH;

  OutboxRelay(
      JdbcTemplate jdbc,
      TransactionTemplate transaction,
      MessageSender commandSender,
      MeterRegistry meters,
      @Value("${trading.outbox.batch-size:200}") int batchSize,
      @Value("${trading.outbox.idle-pause:100ms}") Duration idlePause,
      @Value("${trading.outbox.retention:P7D}") Duration retention,
      Traces traces) {
    super("outbox-relay");
    this.traces = traces;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.producer = commandSender;
    this.batchSize = batchSize;
    this.idlePause = idlePause;
    this.retention = retention;
    this.published = meters.counter("trading.saga.outbox.published");
    this.cleanedUp = meters.counter("trading.saga.cleanup.removed", "table", "command_outbox");
    Gauge.builder("trading.saga.outbox.pending", this::pending).register(meters);
  }

  @Override
  protected boolean workOnce() {
    int sent = relayOneBatch();
    cleanUpNowAndThen();
    return sent >= batchSize;
  }

  @Override
  protected Duration idlePause() {
    return idlePause;
  }

  /** Publishes the oldest unpublished rows; returns how many. */
  int relayOneBatch() {
    Integer count =
        transaction.execute(
            status -> {
              Boolean leader =
                  jdbc.queryForObject(
                      "select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
              if (!Boolean.TRUE.equals(leader)) {
                return 0;
              }
              List<OutboxRow> rows =
                  jdbc.query(
                      """
          select id, message_id, topic, message_key, message_type, revision, payload, correlation_id,
                 causation_id, traceparent, created_at
          from command_outbox where published_at is null order by id limit ?""",
                      (rs, n) ->
                          new OutboxRow(
                              rs.getLong("id"),
                              rs.getString("message_id"),
                              rs.getString("topic"),
                              rs.getString("message_key"),
                              rs.getString("message_type"),
                              rs.getInt("revision"),
                              rs.getBytes("payload"),
                              rs.getString("correlation_id"),
                              rs.getString("causation_id"),
                              rs.getString("traceparent"),
                              rs.getTimestamp("created_at").toInstant()),
                      batchSize);
              if (rows.isEmpty()) {
                return 0;
              }
              List<CompletableFuture<?>> sends = new ArrayList<>();
              for (OutboxRow row : rows) {
                try (Traces.Step step =
                    traces.start("outbox publish " + row.type(), row.traceparent())) {
                  step.tag(MessageMetadata.CORRELATION_ID, row.correlationId());
                  sends.add(producer.send(row.toMessage(traces.traceparentOr(row.traceparent()))));
                }
              }
              awaitAcknowledgements(sends);
              jdbc.update(
                  "update command_outbox set published_at = now() where id = any(?)",
                  (Object) rows.stream().map(OutboxRow::id).toArray(Long[]::new));
              return rows.size();
            });
    published.increment(count);
    return count;
  }

  private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
    producer.awaitAll(sends, "publish a batch of commands; the batch stays unpublished");
  }

  private void cleanUpNowAndThen() {
    if (Instant.now().isBefore(nextCleanUp)) {
      return;
    }
    nextCleanUp = Instant.now().plus(Duration.ofMinutes(10));
    int deleted =
        jdbc.update(
            "delete from command_outbox where published_at < ?",
            Timestamp.from(Instant.now().minus(retention)));
    if (deleted > 0) {
      cleanedUp.increment(deleted);
      log.info("deleted {} published outbox rows older than {}", deleted, retention);
    }
  }

  private long pending() {
    Long count =
        jdbc.queryForObject(
            "select count(*) from command_outbox where published_at is null", Long.class);
    return count == null ? 0 : count;
  }

  private record OutboxRow(
      long id,
      String messageId,
      String topic,
      String key,
      String type,
      int revision,
      byte[] payload,
      String correlationId,
      String causationId,
      String traceparent,
      Instant createdAt) {

    /**
     * The command with its envelope, in the trace context {@code publishing} (the publish step's).
     */
    OutgoingMessage toMessage(String publishing) {
      List<MessageHeader> headers = new ArrayList<>();
      new MessageMetadata(
              messageId, correlationId, causationId, createdAt, type, revision, publishing)
          .toHeaders()
          .forEach((name, value) -> headers.add(MessageHeader.text(name, value)));
      return new OutgoingMessage(topic, key, payload, headers);
    }
  }
}
