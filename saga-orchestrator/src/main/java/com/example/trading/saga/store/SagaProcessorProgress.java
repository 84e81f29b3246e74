package com.example.trading.saga.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the saga processor is behind the orchestrator's event store: the store's head (the newest
 * stored event's global index) against the lowest position any of the processor's segments has
 * handled, on any instance (read from the segments' tokens in {@code token_entry}, as committed
 * with each batch). The backlog is the work queued in front of the sagas; gauge {@code
 * trading.saga.backlog.events}. Thread-safe.
 */
@Component
public class SagaProcessorProgress {

  private final EventStore eventStore;
  private final JdbcTemplate jdbc;
  private final Serializer tokenSerializer;

  SagaProcessorProgress(
      EventStore eventStore, JdbcTemplate jdbc, Serializer serializer, MeterRegistry meters) {
    this.eventStore = eventStore;
    this.jdbc = jdbc;
    this.tokenSerializer = serializer;
    Gauge.builder("trading.saga.backlog.events", this, SagaProcessorProgress::backlog)
        .description("events stored in the orchestrator but not yet handled by the saga processor")
        .register(meters);
  }

  /** The newest stored event's global index, or -1 when the store is empty. */
  public long head() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? -1 : head.position().orElse(-1);
  }

  /**
   * The lowest global index every segment of the saga processor has handled, wherever it runs; -1
   * when a segment has handled nothing yet or the processor has no segments yet.
   */
  public long processed() {
    List<Long> positions =
        jdbc.query(
            "select token, token_type from token_entry where processor_name = ?",
            (rs, n) -> position(rs.getBytes("token"), rs.getString("token_type")),
            AxonConfiguration.SAGA_PROCESSOR);
    return positions.stream().mapToLong(Long::longValue).min().orElse(-1);
  }

  /** Stored events not yet handled by the saga processor. */
  public long backlog() {
    return Math.max(0, head() - processed());
  }

  private long position(byte[] token, String type) {
    if (token == null || type == null) {
      return -1;
    }
    TrackingToken tracking =
        tokenSerializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    return tracking == null ? -1 : tracking.position().orElse(-1);
  }
}
