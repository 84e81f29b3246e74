package com.example.trading.command.relay;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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

  private final Producer<String, byte[]> producer;
  private final MessageCodec codec;
  private final TopicNames topics;
  private final Traces traces;

  KafkaEventRelay(
      Producer<String, byte[]> eventProducer,
      MessageCodec codec,
      TopicNames topics,
      Traces traces) {
    this.producer = eventProducer;
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
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topics.of(Topics.eventTopicOf(event.getClass())),
            event.aggregateId(),
            codec.serialize(event));
    MessageMetadata metadata =
        new MessageMetadata(
            message.getIdentifier(),
            text(message.getMetaData().get(MessageMetadata.CORRELATION_ID)),
            text(message.getMetaData().get(MessageMetadata.CAUSATION_ID)),
            message.getTimestamp(),
            codec.typeName(event.getClass()),
            codec.revision(event.getClass()),
            traceparent);
    metadata
        .toHeaders()
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    token
        .position()
        .ifPresent(
            position ->
                record
                    .headers()
                    .add(
                        Topics.POSITION_HEADER,
                        Long.toString(position).getBytes(StandardCharsets.UTF_8)));
    record
        .headers()
        .add(
            Topics.SEQUENCE_HEADER,
            Long.toString(message.getSequenceNumber()).getBytes(StandardCharsets.UTF_8));
    pendingSends().add(producer.send(record));
  }

  private List<Future<RecordMetadata>> pendingSends() {
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(
        PENDING_SENDS,
        key -> {
          List<Future<RecordMetadata>> sends = new ArrayList<>();
          batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
          return sends;
        });
  }

  private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
    producer.flush();
    try {
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new EventRelayException(
          "Kafka did not acknowledge an event; the batch will be retried", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventRelayException("interrupted while waiting for Kafka", e);
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
