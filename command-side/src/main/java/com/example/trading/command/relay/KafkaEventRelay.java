package com.example.trading.command.relay;

import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.OutgoingMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the event store to its aggregate type's Kafka topic, keyed by aggregate
 * id, with the metadata envelope, the global position and the aggregate sequence as headers.
 *
 * <p>Runs in a tracking processor with one segment, so events leave in store order and each
 * aggregate's events stay in order on their partition. Within a batch the sends are asynchronous;
 * before the batch's unit of work commits (and the processor's token advances) the producer is
 * flushed and every send must have been acknowledged — otherwise the batch fails and is retried. So
 * a crash between store and broker re-publishes, never skips: at-least-once, duplicates detectable
 * by {@code messageId}.
 */
@Component
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
class KafkaEventRelay {

  static final String PROCESSING_GROUP = "kafka-relay";
  private static final String PENDING_SENDS = KafkaEventRelay.class.getName() + ".pendingSends";

  private final MessageSender producer;
  private final MessageCodec codec;
  private final TopicNames topics;
  private final Traces traces;

  KafkaEventRelay(MessageSender eventSender, MessageCodec codec, TopicNames topics, Traces traces) {
    this.producer = eventSender;
    this.codec = codec;
    this.topics = topics;
    this.traces = traces;
  }

  @EventHandler
  void relay(TradingEvent event, DomainEventMessage<?> message, TrackingToken token) {
    String carried = text(message.getMetaData().get(MessageMetadata.TRACEPARENT));
    try (Traces.Step step = traces.start("relay " + codec.typeName(event.getClass()), carried)) {
      step.tag(
          MessageMetadata.CORRELATION_ID,
          message.getMetaData().get(MessageMetadata.CORRELATION_ID));
      publish(event, message, token, traces.traceparentOr(carried));
    }
  }

  /**
   * The event on its topic, with the envelope; the relay's own span is the message's trace context.
   */
  private void publish(
      TradingEvent event, DomainEventMessage<?> message, TrackingToken token, String traceparent) {
    MessageMetadata metadata =
        new MessageMetadata(
            message.getIdentifier(),
            text(message.getMetaData().get(MessageMetadata.CORRELATION_ID)),
            text(message.getMetaData().get(MessageMetadata.CAUSATION_ID)),
            message.getTimestamp(),
            codec.typeName(event.getClass()),
            codec.revision(event.getClass()),
            traceparent);
    List<MessageHeader> headers = new ArrayList<>();
    metadata.toHeaders().forEach((name, value) -> headers.add(MessageHeader.text(name, value)));
    token
        .position()
        .ifPresent(
            position ->
                headers.add(MessageHeader.text(Topics.POSITION_HEADER, Long.toString(position))));
    headers.add(
        MessageHeader.text(Topics.SEQUENCE_HEADER, Long.toString(message.getSequenceNumber())));
    pendingSends()
        .add(
            producer.send(
                new OutgoingMessage(
                    topics.of(Topics.eventTopicOf(event.getClass())),
                    event.aggregateId(),
                    codec.serialize(event),
                    headers)));
  }

  private List<CompletableFuture<?>> pendingSends() {
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(
        PENDING_SENDS,
        key -> {
          List<CompletableFuture<?>> sends = new ArrayList<>();
          batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
          return sends;
        });
  }

  private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
    try {
      producer.awaitAll(sends, "publish a batch of events");
    } catch (IllegalStateException e) {
      throw new EventRelayException(
          "Kafka did not acknowledge an event; the batch will be retried", e);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A batch could not be published; its token does not advance. */
  static class EventRelayException extends RuntimeException {
    EventRelayException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
