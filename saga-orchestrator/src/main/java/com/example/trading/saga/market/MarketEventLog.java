package com.example.trading.saga.market;

import com.example.trading.saga.store.StoredEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
    eventStore.publish(StoredEvents.of(eventId, event, event.orderId(), causationId, traceparent));
  }
}
