package com.example.trading.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * What the services ask the Kafka cluster itself (through the shared admin client): whether it
 * answers, how many partitions a topic has and which one a key goes to, where a consumer group
 * stands. Thread-safe.
 */
public final class KafkaCluster {

  private static final long TIMEOUT_SECONDS = 10;

  private final Admin admin;
  private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

  public KafkaCluster(Admin admin) {
    this.admin = admin;
  }

  /**
   * Whether a broker answers within {@code timeout}.
   *
   * @throws IllegalStateException with the client's reason when none does
   */
  public void requireAnswer(Duration timeout) {
    try {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The partition Kafka's default partitioner sends {@code key} to on {@code topic} (a deployed
   * name); the topic's partition count is learnt once.
   */
  public int partitionOf(String topic, String key) {
    int partitions = partitionCounts.computeIfAbsent(topic, this::describePartitions);
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private int describePartitions(String topic) {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot learn the partitions of " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Every partition of {@code topic} (a deployed name), as the cluster has it now. */
  public List<Partition> partitionsOf(String topic) {
    int count = describePartitions(topic);
    List<Partition> partitions = new ArrayList<>(count);
    for (int number = 0; number < count; number++) {
      partitions.add(new Partition(topic, number));
    }
    return partitions;
  }

  /** The offsets {@code group} has committed, of all its partitions. */
  public Map<Partition, Long> committedOffsets(String group) {
    try {
      return offsetsOf(
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the offsets of consumer group " + group + ": " + e.getMessage(), e);
    }
  }

  /** The offsets {@code group} has committed on {@code partitions}. */
  public Map<Partition, Long> committedOffsets(String group, Collection<Partition> partitions) {
    try {
      return offsetsOf(
          admin
              .listConsumerGroupOffsets(
                  Map.of(
                      group,
                      new ListConsumerGroupOffsetsSpec()
                          .topicPartitions(
                              partitions.stream()
                                  .map(p -> new TopicPartition(p.topic(), p.number()))
                                  .toList())))
              .partitionsToOffsetAndMetadata(group)
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the offsets of consumer group " + group + ": " + e.getMessage(), e);
    }
  }

  /** The end (the next offset to be written) of each of {@code partitions}. */
  public Map<Partition, Long> endOffsets(Collection<Partition> partitions) {
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    partitions.forEach(
        p -> wanted.put(new TopicPartition(p.topic(), p.number()), OffsetSpec.latest()));
    try {
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(wanted).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<Partition, Long> offsets = new HashMap<>();
      ends.forEach(
          (tp, info) -> offsets.put(new Partition(tp.topic(), tp.partition()), info.offset()));
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the ends of " + partitions + ": " + e.getMessage(), e);
    }
  }

  private static Map<Partition, Long> offsetsOf(Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<Partition, Long> offsets = new HashMap<>();
    committed.forEach(
        (tp, offset) -> {
          if (offset != null) {
            offsets.put(new Partition(tp.topic(), tp.partition()), offset.offset());
          }
        });
    return offsets;
  }
}
