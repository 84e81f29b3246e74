package com.example.trading.saga.store;

import com.example.trading.schemas.MessageMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

/**
 * An event the orchestrator itself appends to its store (a venue's answer, a due deadline): the
 * envelope's correlation id, cause and trace context (each may be null), stamped now, as Axon's gap
 * tracking expects of an appended event.
 */
public final class StoredEvents {

  /**
   * Metadata key of when an event the inbox stored happened on the command side (the envelope's
   * timestamp); the orchestrator's own events have none.
   */
  public static final String OCCURRED_AT = "occurredAt";

  private StoredEvents() {}

  public static EventMessage<?> of(
      String eventId,
      Object payload,
      String correlationId,
      String causationId,
      String traceparent) {
    Map<String, Object> metadata = new HashMap<>();
    put(metadata, MessageMetadata.CORRELATION_ID, correlationId);
    put(metadata, MessageMetadata.CAUSATION_ID, causationId);
    put(metadata, MessageMetadata.TRACEPARENT, traceparent);
    Instant now = Instant.now();
    return new GenericEventMessage<>(
        new GenericMessage<>(eventId, payload, MetaData.from(metadata)), () -> now);
  }

  private static void put(Map<String, Object> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }
}
