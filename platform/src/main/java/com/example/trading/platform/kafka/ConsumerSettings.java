package com.example.trading.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * How a {@link ConsumerLoop} consumes: offsets committed only after the batch's effect is durable
 * (never automatically), committed records only ({@code read_committed}), string keys and byte
 * values, a poll interval long enough (10 min) for a batch that waits out a store's outage with
 * back-off, and a session timeout of 10 s (Kafka's default is 45 s): an instance killed without
 * leaving its group holds its partitions, and a restarted or surviving instance waits, until the
 * session times out.
 *
 * @param kafka where Kafka is
 * @param groupId the consumer group (instances of one service share it and split the partitions)
 * @param clientId the client id (in the broker's logs and metrics)
 * @param autoOffsetReset where a group with no committed offset starts ({@code earliest})
 * @param maxPollRecords the largest batch
 */
public record ConsumerSettings(
    KafkaClientProperties kafka,
    String groupId,
    String clientId,
    String autoOffsetReset,
    int maxPollRecords) {

  ConsumerFactory<String, byte[]> consumerFactory() {
    return new DefaultKafkaConsumerFactory<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.CLIENT_ID_CONFIG,
            clientId,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            autoOffsetReset,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            maxPollRecords,
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
            600_000,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            10_000,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
