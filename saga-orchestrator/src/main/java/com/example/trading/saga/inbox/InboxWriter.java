package com.example.trading.saga.inbox;

import com.example.trading.platform.deadletters.DeadLetterSource;
import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.saga.store.EventStoreTransactions;
import com.example.trading.saga.store.StoredEvents;
import com.example.trading.schemas.EventStream;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends events read from the command side's topics to the orchestrator's own Axon event store,
 * where the saga processor reads them in store order.
 *
 * <p>Deduplicated by the envelope's {@code messageId}, which becomes the stored event identifier
 * (unique in {@code domain_event_entry}): a redelivered record is recognised and skipped. Each
 * event keeps its aggregate's sequence number from the command side under a per-type aggregate id
 * ({@code order:}, {@code holding:}, {@code fee:} + id; an order and its fee share an id), so each
 * aggregate's stream is a copy of the events the sagas handle, in order, with gaps where the others
 * were; it is stamped with the time it is stored here, and when it happened stays in its metadata
 * ({@value StoredEvents#OCCURRED_AT}). A record that cannot be read is kept in {@code
 * inbox_rejected} for an operator instead of stalling its partition. One batch, one transaction:
 * all of it is stored, or none. An event no saga handles ({@link SagaInputs}) is read, so an
 * unreadable one is still kept aside, but not stored.
 */
@Component
class InboxWriter {

  private final EventStore eventStore;
  private final MessageCodec codec;
  private final JdbcTemplate jdbc;
  private final EventStoreTransactions transaction;
  private final TopicNames topics;
  private final SagaInputs sagaInputs;

  InboxWriter(
      EventStore eventStore,
      MessageCodec codec,
      JdbcTemplate jdbc,
      EventStoreTransactions transaction,
      TopicNames topics,
      SagaInputs sagaInputs) {
    this.topics = topics;
    this.sagaInputs = sagaInputs;
    this.eventStore = eventStore;
    this.codec = codec;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /** The outcome of one batch. */
  record Outcome(int stored, int duplicates, int rejected, int notForTheSagas) {}

  /** Stores a batch of records in one transaction; returns only once it is committed. */
  Outcome store(List<ReceivedMessage> records) {
    return transaction.execute(
        () -> {
          Map<String, EventMessage<?>> events = new LinkedHashMap<>();
          int rejected = 0;
          int duplicates = 0;
          int notForTheSagas = 0;
          for (ReceivedMessage record : records) {
            try {
              EventMessage<?> event = toEvent(record);
              if (!sagaInputs.handles(event.getPayloadType())) {
                notForTheSagas++;
              } else if (events.putIfAbsent(event.getIdentifier(), event) != null) {
                duplicates++;
              }
            } catch (RuntimeException unreadable) {
              reject(record, unreadable);
              rejected++;
            }
          }
          Set<String> known = alreadyStored(events.keySet());
          duplicates += known.size();
          List<EventMessage<?>> fresh = new ArrayList<>();
          events.forEach(
              (id, event) -> {
                if (!known.contains(id)) {
                  fresh.add(event);
                }
              });
          if (!fresh.isEmpty()) {
            eventStore.publish(fresh);
          }
          return new Outcome(fresh.size(), duplicates, rejected, notForTheSagas);
        });
  }

  /**
   * Stores one record an operator re-drives from {@code inbox_rejected}, like any delivery (once,
   * by its message id).
   *
   * @throws DeadLetterSource.RedriveFailedException when it still cannot be read (nothing stored)
   */
  Outcome redrive(ReceivedMessage record) {
    try {
      toEvent(record);
    } catch (RuntimeException unreadable) {
      throw new DeadLetterSource.RedriveFailedException("still unreadable: " + unreadable);
    }
    return store(List.of(record));
  }

  private EventMessage<?> toEvent(ReceivedMessage record) {
    MessageMetadata envelope = MessageMetadata.fromHeaders(record::header);
    Object payload = codec.deserialize(envelope.type(), envelope.revision(), record.value());
    Map<String, Object> metadata = new HashMap<>();
    if (envelope.correlationId() != null) {
      metadata.put(MessageMetadata.CORRELATION_ID, envelope.correlationId());
    }
    if (envelope.causationId() != null) {
      metadata.put(MessageMetadata.CAUSATION_ID, envelope.causationId());
    }
    if (envelope.traceparent() != null) {
      metadata.put(MessageMetadata.TRACEPARENT, envelope.traceparent());
    }
    metadata.put(StoredEvents.OCCURRED_AT, envelope.timestamp().toString());
    String position = record.header(Topics.POSITION_HEADER);
    if (position != null) {
      metadata.put("sourcePosition", position);
    }
    String sequence = record.header(Topics.SEQUENCE_HEADER);
    String aggregateType =
        EventStream.ofTopic(topics.contractNameOf(record.topic()))
            .map(EventStream::aggregateType)
            .orElse(null);
    // Stored under the time it is stored, not the time it happened (that stays in the metadata):
    // the saga processor's tracking token takes an event older than the store's gap timeout (60 s)
    // as proof that every gap below it is a transaction that died, and forgets those gaps. Under a
    // backlog, events reach the inbox minutes after they happened; stamped with that time, one such
    // event made the processor skip the events other writers (the gateway, the feed, the deadlines,
    // another instance's inbox) were committing at that moment, and their sagas waited for ever.
    Instant stored = Instant.now();
    if (sequence == null || aggregateType == null || record.key() == null) {
      return new GenericEventMessage<>(
          new org.axonframework.messaging.GenericMessage<>(
              envelope.messageId(), payload, MetaData.from(metadata)),
          () -> stored);
    }
    return new GenericDomainEventMessage<>(
        aggregateType,
        aggregateType.toLowerCase() + ":" + record.key(),
        Long.parseLong(sequence),
        payload,
        MetaData.from(metadata),
        envelope.messageId(),
        stored);
  }

  private Set<String> alreadyStored(Set<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.queryForList(
            "select event_identifier from domain_event_entry where event_identifier = any(?)",
            String.class,
            (Object) ids.toArray(String[]::new)));
  }

  private void reject(ReceivedMessage record, RuntimeException reason) {
    StringBuilder headers = new StringBuilder();
    for (MessageHeader header : record.headers()) {
      headers
          .append(header.name())
          .append('=')
          .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8))
          .append('\n');
    }
    jdbc.update(
        """
        insert into inbox_rejected (topic, partition, "offset", message_key, headers, payload, reason)
        values (?, ?, ?, ?, ?, ?, ?) on conflict (topic, partition, "offset") do nothing""",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        headers.toString(),
        record.value(),
        reason.toString());
  }
}
