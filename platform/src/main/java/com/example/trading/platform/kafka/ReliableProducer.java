package com.example.trading.platform.kafka;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way the services produce to Kafka: idempotent, {@code acks=all}, at most five requests in
 * flight (so a retry never reorders a partition), string keys (aggregate ids) and byte values (the
 * contract's JSON). Callers wait for the acknowledgement before they advance anything.
 */
public final class ReliableProducer {

  private ReliableProducer() {}

  public static Producer<String, byte[]> create(KafkaClientProperties kafka, String clientId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG,
            clientId,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            5,
            ProducerConfig.LINGER_MS_CONFIG,
            2,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /**
   * Sends one record and returns once the broker acknowledged it.
   *
   * @param what what is being sent, for the exception ("dead-letter x to y")
   * @throws IllegalStateException when the broker did not acknowledge it (the caller must not act
   *     as if it had)
   */
  public static void sendAndWait(
      Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record, String what) {
    try {
      producer.send(record).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }
}
