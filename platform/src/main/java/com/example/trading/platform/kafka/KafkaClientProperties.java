package com.example.trading.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the service finds Kafka ({@code trading.kafka.*}; in {@code application.yaml} bound to
 * {@code KAFKA_BOOTSTRAP_SERVERS}).
 *
 * @param bootstrapServers comma-separated host:port list
 * @param healthTimeout how long the readiness check waits for the cluster to answer
 * @param partitions partitions of the topics this service creates
 * @param replicationFactor replication of the topics this service creates (1 on one broker)
 * @param topicPrefix prepended to every contract topic name (see {@link TopicNames})
 */
@ConfigurationProperties("trading.kafka")
public record KafkaClientProperties(
    String bootstrapServers,
    Duration healthTimeout,
    Integer partitions,
    Short replicationFactor,
    String topicPrefix) {

  public KafkaClientProperties {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      bootstrapServers = "127.0.0.1:19092";
    }
    if (healthTimeout == null) {
      healthTimeout = Duration.ofSeconds(3);
    }
    if (partitions == null) {
      partitions = 3;
    }
    if (replicationFactor == null) {
      replicationFactor = 1;
    }
  }
}
