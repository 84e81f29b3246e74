package com.example.trading.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Writes a message that cannot be handled to a dead-letter topic, through spring-kafka's {@link
 * DeadLetterPublishingRecoverer}: same key, value and headers, plus {@code failure} (why), {@code
 * failedAt} and {@code source} (topic/partition@offset), so an operator can inspect it and re-drive
 * it by copying it back (the recoverer's own {@code kafka_dlt-*} headers are left out: the re-drive
 * desk reads ours). Returns only after the broker acknowledged; otherwise it throws, so the caller
 * does not commit past a message that is nowhere. Thread-safe.
 */
public final class DeadLetterPublisher {

  public static final String FAILURE_HEADER = "failure";
  public static final String FAILED_AT_HEADER = "failedAt";
  public static final String SOURCE_HEADER = "source";

  private final DeadLetterPublishingRecoverer recoverer;

  public DeadLetterPublisher(MessageSender sender, String topic, Clock clock) {
    // A negative partition lets the producer choose by key, as for the message's first write.
    this.recoverer =
        new DeadLetterPublishingRecoverer(
            sender.template(), (record, failure) -> new TopicPartition(topic, -1));
    recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.values());
    recoverer.setHeadersFunction(
        (record, failure) -> {
          RecordHeaders headers = new RecordHeaders();
          headers.add(FAILURE_HEADER, utf8(failure.getMessage()));
          headers.add(FAILED_AT_HEADER, utf8(clock.instant().toString()));
          headers.add(
              SOURCE_HEADER,
              utf8(record.topic() + "/" + record.partition() + "@" + record.offset()));
          return headers;
        });
    recoverer.setFailIfSendResultIsError(true);
  }

  /**
   * Parks {@code message} with {@code reason}.
   *
   * @throws RuntimeException when the broker did not acknowledge the dead letter
   */
  public void publish(ReceivedMessage message, String reason) {
    RecordHeaders headers = new RecordHeaders();
    message.headers().forEach(header -> headers.add(header.name(), header.value()));
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(
            message.topic(),
            message.partition(),
            message.offset(),
            message.timestamp() == null
                ? ConsumerRecord.NO_TIMESTAMP
                : message.timestamp().toEpochMilli(),
            TimestampType.CREATE_TIME,
            ConsumerRecord.NULL_SIZE,
            ConsumerRecord.NULL_SIZE,
            message.key(),
            message.value(),
            headers,
            Optional.empty());
    recoverer.accept(record, new ParkedException(reason));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Why a message was parked: a decision of its consumer, not a crash. */
  private static final class ParkedException extends RuntimeException {
    ParkedException(String reason) {
      super(reason, null, false, false);
    }
  }
}
