package com.example.trading.saga.market;

import com.example.trading.schemas.MessageMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends what the gateway learned from the venue to the saga's event store, under an event
 * identifier derived from its source (the request, or the venue's execution sequence): the unique
 * event identifier makes a second append of the same fact fail instead of duplicating it. Must be
 * called in the transaction that records the gateway's progress (request done, cursor advanced).
 */
@Component
class MarketEventLog {

  private final EventStore eventStore;

  MarketEventLog(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  void append(String eventId, MarketEvent event, String causationId, String traceparent) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a market event must be stored with the gateway's progress");
    }
    Map<String, Object> metadata = new HashMap<>();
    metadata.put(MessageMetadata.CORRELATION_ID, event.orderId());
    if (causationId != null) {
      metadata.put(MessageMetadata.CAUSATION_ID, causationId);
    }
    if (traceparent != null) {
      metadata.put(MessageMetadata.TRACEPARENT, traceparent);
    }
    Instant now = Instant.now();
    eventStore.publish(new GenericEventMessage<>(new GenericMessage<>(eventId, event, MetaData.from(metadata)),
        () -> now));
  }
}
