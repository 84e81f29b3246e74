package com.example.trading.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a record that cannot be handled to a dead-letter topic: same key, value and headers, plus
 * {@code failure} (why), {@code failedAt} and {@code source} (topic/partition@offset), so an
 * operator can inspect it and re-drive it by copying it back. Returns only after the broker
 * acknowledged; otherwise it throws, so the caller does not commit past a record that is nowhere.
 */
public final class DeadLetterPublisher {

  public static final String FAILURE_HEADER = "failure";
  public static final String FAILED_AT_HEADER = "failedAt";
  public static final String SOURCE_HEADER = "source";

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Clock clock;

  public DeadLetterPublisher(Producer<String, byte[]> producer, String topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  public void publish(ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, record.key(), record.value());
    record.headers().forEach(dead.headers()::add);
    dead.headers().add(FAILURE_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    dead.headers()
        .add(FAILED_AT_HEADER, clock.instant().toString().getBytes(StandardCharsets.UTF_8));
    dead.headers()
        .add(
            SOURCE_HEADER,
            (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    ReliableProducer.sendAndWait(
        producer, dead, "dead-letter " + record.topic() + "@" + record.offset() + " to " + topic);
  }
}
