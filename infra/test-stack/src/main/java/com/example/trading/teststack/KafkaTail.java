package com.example.trading.teststack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads what is written to a topic from the moment the tail is opened (it remembers the end offsets
 * then), so a test sees its own records and not the topic's history. Not thread-safe.
 */
public final class KafkaTail implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  private KafkaTail(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** Opens a tail at the current end of {@code topic}. */
  public static KafkaTail open(String bootstrapServers, String topic) {
    return new KafkaTail(bootstrapServers, topic);
  }

  /**
   * Waits until {@code count} records matching {@code filter} have been written since the tail
   * opened, and returns them in partition order; fails after {@code timeout}.
   */
  public List<ConsumerRecord<String, byte[]>> await(
      Predicate<ConsumerRecord<String, byte[]>> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, byte[]>> matching =
          seen.stream().filter(filter).collect(Collectors.toList());
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " matching records, saw "
                + matching.size()
                + " after "
                + timeout);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
  }

  /** Everything read so far that matches, after polling for {@code quiet}. */
  public List<ConsumerRecord<String, byte[]>> readFor(
      Duration quiet, Predicate<ConsumerRecord<String, byte[]>> filter) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().filter(filter).collect(Collectors.toList());
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Writes one record with string headers and waits for the broker's acknowledgement. */
  public static RecordMetadata send(
      String bootstrapServers,
      String topic,
      String key,
      byte[] value,
      Map<String, String> headers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var record = new ProducerRecord<>(topic, key, value);
      headers.forEach(
          (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
      return producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not write to " + topic, e);
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
