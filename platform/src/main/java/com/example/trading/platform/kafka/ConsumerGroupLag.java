package com.example.trading.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One consumer group's lag on some topics and how fast it has been consuming lately (committed
 * offsets per second, smoothed over samples). Used from one thread.
 */
public final class ConsumerGroupLag {

  /** The weight of the newest rate sample. */
  private static final double SMOOTHING = 0.3;

  private final KafkaCluster cluster;
  private final String group;
  private final Set<String> topics;
  private long lastConsumed = -1;
  private long lastSampleNanos;
  private double messagesPerSecond;

  /**
   * @param topics the deployed names of the topics that count
   */
  public ConsumerGroupLag(KafkaCluster cluster, String group, Set<String> topics) {
    this.cluster = cluster;
    this.group = group;
    this.topics = topics;
  }

  public String group() {
    return group;
  }

  /**
   * The group's lag and rate now.
   *
   * @param lag messages on the topics after the group's committed offsets
   * @param messagesPerSecond the group's recent consumption rate (0 until two samples)
   */
  public record Sample(long lag, double messagesPerSecond) {
    public static final Sample NONE = new Sample(0, 0);
  }

  /**
   * Reads the group's committed offsets and the topics' ends; folds the consumption into the rate.
   *
   * @throws IllegalStateException when the cluster does not answer
   */
  public Sample sample() {
    Map<Partition, Long> committed = new HashMap<>(cluster.committedOffsets(group));
    committed.keySet().removeIf(partition -> !topics.contains(partition.topic()));
    if (committed.isEmpty()) {
      return Sample.NONE;
    }
    Map<Partition, Long> ends = cluster.endOffsets(committed.keySet());
    long lag = 0;
    long consumed = 0;
    for (Map.Entry<Partition, Long> position : committed.entrySet()) {
      consumed += position.getValue();
      lag += Math.max(0, ends.getOrDefault(position.getKey(), 0L) - position.getValue());
    }
    long now = System.nanoTime();
    if (lastConsumed >= 0 && now > lastSampleNanos) {
      double sample = (consumed - lastConsumed) * 1e9 / (now - lastSampleNanos);
      messagesPerSecond =
          messagesPerSecond == 0
              ? sample
              : SMOOTHING * sample + (1 - SMOOTHING) * messagesPerSecond;
    }
    lastConsumed = consumed;
    lastSampleNanos = now;
    return new Sample(lag, messagesPerSecond);
  }
}
