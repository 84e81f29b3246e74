package com.example.trading.command.admission;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer group's lag on some topics and how fast it has been consuming lately (committed
 * offsets per second, smoothed over samples). Used from one thread.
 */
final class GroupLag {

  /** The weight of the newest rate sample. */
  private static final double SMOOTHING = 0.3;

  private final String group;
  private final Set<String> topics;
  private long lastConsumed = -1;
  private long lastSampleNanos;
  private double eventsPerSecond;

  GroupLag(String group, Set<String> topics) {
    this.group = group;
    this.topics = topics;
  }

  String group() {
    return group;
  }

  /**
   * Reads the group's committed offsets and the topics' ends; folds the consumption into the rate.
   */
  BacklogEstimate sample(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    committed.forEach(
        (partition, offset) -> {
          if (offset != null && topics.contains(partition.topic())) {
            wanted.put(partition, OffsetSpec.latest());
          }
        });
    if (wanted.isEmpty()) {
      return BacklogEstimate.NONE;
    }
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(wanted).all().get(10, TimeUnit.SECONDS);
    long lag = 0;
    long consumed = 0;
    for (TopicPartition partition : wanted.keySet()) {
      long position = committed.get(partition).offset();
      consumed += position;
      lag += Math.max(0, ends.get(partition).offset() - position);
    }
    long now = System.nanoTime();
    if (lastConsumed >= 0 && now > lastSampleNanos) {
      double sample = (consumed - lastConsumed) * 1e9 / (now - lastSampleNanos);
      eventsPerSecond =
          eventsPerSecond == 0 ? sample : SMOOTHING * sample + (1 - SMOOTHING) * eventsPerSecond;
    }
    lastConsumed = consumed;
    lastSampleNanos = now;
    return BacklogEstimate.of(lag, eventsPerSecond);
  }
}
