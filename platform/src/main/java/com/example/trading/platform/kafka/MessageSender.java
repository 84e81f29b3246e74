package com.example.trading.platform.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The one way the services produce to Kafka (spring-kafka's {@link KafkaTemplate} over one shared
 * producer): idempotent, {@code acks=all}, at most five requests in flight (so a retry never
 * reorders a partition), string keys (aggregate ids) and byte values (the contract's JSON). Callers
 * wait for the acknowledgement ({@link #sendAndWait}, {@link #awaitAll}) before they advance
 * anything. Thread-safe.
 */
public final class MessageSender implements AutoCloseable {

  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final KafkaTemplate<String, byte[]> template;

  private MessageSender(DefaultKafkaProducerFactory<String, byte[]> producers) {
    this.producers = producers;
    this.template = new KafkaTemplate<>(producers);
  }

  public static MessageSender create(KafkaClientProperties kafka, String clientId) {
    return new MessageSender(
        new DefaultKafkaProducerFactory<>(
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
            new ByteArraySerializer()));
  }

  /** The template, for spring-kafka's own components (the dead-letter recoverer). */
  KafkaTemplate<String, byte[]> template() {
    return template;
  }

  /**
   * Starts sending one message; messages with the same key reach their partition in the order they
   * were sent.
   */
  public CompletableFuture<?> send(OutgoingMessage message) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(message.topic(), message.key(), message.value());
    message.headers().forEach(header -> record.headers().add(header.name(), header.value()));
    return template.send(record);
  }

  /**
   * Sends one message and returns once the broker acknowledged it.
   *
   * @param what what is being sent, for the exception ("dead-letter x to y")
   * @throws IllegalStateException when the broker did not acknowledge it (the caller must not act
   *     as if it had)
   */
  public void sendAndWait(OutgoingMessage message, String what) {
    awaitAll(List.of(send(message)), what);
  }

  /**
   * Flushes what was sent and returns once the broker acknowledged every one of {@code sends}.
   *
   * @throws IllegalStateException when one was not acknowledged
   */
  public void awaitAll(List<? extends CompletableFuture<?>> sends, String what) {
    template.flush();
    try {
      for (CompletableFuture<?> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  @Override
  public void close() {
    producers.destroy();
  }
}
