package com.example.trading.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of some topics from their beginning, outside any consumer group (it commits
 * nothing, so the groups reading the same topics are undisturbed): what a rebuild of a view reads.
 * Committed records only, in batches of up to 5,000. Not thread-safe; close it.
 */
public final class TopicScan implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Partition> partitions = new ArrayList<>();

  /**
   * @param topics deployed names
   */
  public TopicScan(KafkaClientProperties kafka, String clientId, Collection<String> topics) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                64 * 1024 * 1024,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    try {
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, TIMEOUT)
            .forEach(info -> partitions.add(new Partition(info.topic(), info.partition())));
      }
      consumer.assign(topicPartitions(partitions));
      consumer.seekToBeginning(topicPartitions(partitions));
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  public List<Partition> partitions() {
    return List.copyOf(partitions);
  }

  /** The end (the next offset to be written) of each partition now. */
  public Map<Partition, Long> ends() {
    Map<Partition, Long> ends = new HashMap<>();
    consumer
        .endOffsets(topicPartitions(partitions), TIMEOUT)
        .forEach((tp, end) -> ends.put(new Partition(tp.topic(), tp.partition()), end));
    return ends;
  }

  /** The next offset the scan reads on each partition. */
  public Map<Partition, Long> positions() {
    Map<Partition, Long> positions = new HashMap<>();
    partitions.forEach(
        partition -> positions.put(partition, consumer.position(topicPartition(partition))));
    return positions;
  }

  /** Messages from where the scan stands up to {@code targets} (0 for a partition not in it). */
  public long remainingTo(Map<Partition, Long> targets) {
    long remaining = 0;
    for (Partition partition : partitions) {
      remaining +=
          Math.max(
              0,
              targets.getOrDefault(partition, 0L) - consumer.position(topicPartition(partition)));
    }
    return remaining;
  }

  /** Back to {@code positions}; partitions not in it go back to their beginning. */
  public void rewindTo(Map<Partition, Long> positions) {
    List<TopicPartition> fromStart = new ArrayList<>();
    for (Partition partition : partitions) {
      Long position = positions.get(partition);
      if (position == null) {
        fromStart.add(topicPartition(partition));
      } else {
        consumer.seek(topicPartition(partition), position);
      }
    }
    consumer.seekToBeginning(fromStart);
  }

  /** The next batch (empty when nothing arrived within {@code timeout}). */
  public List<ReceivedMessage> poll(Duration timeout) {
    List<ReceivedMessage> batch = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      batch.add(ReceivedMessage.of(record));
    }
    return batch;
  }

  @Override
  public void close() {
    consumer.close();
  }

  private static TopicPartition topicPartition(Partition partition) {
    return new TopicPartition(partition.topic(), partition.number());
  }

  private static List<TopicPartition> topicPartitions(Collection<Partition> partitions) {
    return partitions.stream().map(TopicScan::topicPartition).toList();
  }
}
