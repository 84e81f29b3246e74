package com.example.trading.platform.kafka;

/**
 * The actual Kafka topic names of this deployment: the contract's names ({@code Topics}) after an
 * optional prefix ({@code trading.kafka.topic-prefix}, env {@code KAFKA_TOPIC_PREFIX}), so that
 * several systems (or test runs) can share one Kafka cluster without sharing topics.
 */
public record TopicNames(String prefix) {

  public TopicNames {
    prefix = prefix == null ? "" : prefix;
  }

  /** The actual name of a contract topic. */
  public String of(String contractTopic) {
    return prefix + contractTopic;
  }

  /** The actual names of contract topics, in their order. */
  public java.util.List<String> of(java.util.Collection<String> contractTopics) {
    return contractTopics.stream().map(this::of).toList();
  }

  /** The contract name of an actual topic (what position tokens and checkpoints name). */
  public String contractNameOf(String actualTopic) {
    if (!actualTopic.startsWith(prefix)) {
      throw new IllegalArgumentException(actualTopic + " does not start with the prefix " + prefix);
    }
    return actualTopic.substring(prefix.length());
  }
}
