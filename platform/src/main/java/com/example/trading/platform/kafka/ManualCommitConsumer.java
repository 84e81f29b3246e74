package com.example.trading.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one way the services consume from Kafka: offsets committed by the caller only (after the
 * effect is durable, see {@link ConsumerLoop}), committed records only ({@code read_committed}),
 * string keys and byte values, a poll interval long enough (10 min) for a batch that waits out a
 * store's outage with back-off, and a session timeout of 10 s (Kafka's default is 45 s): an
 * instance killed without leaving its group holds its partitions, and a restarted or surviving
 * instance waits, until the session times out. Not thread-safe: one consumer per loop.
 */
public final class ManualCommitConsumer {

  private ManualCommitConsumer() {}

  public static Consumer<String, byte[]> create(
      KafkaClientProperties kafka,
      String groupId,
      String clientId,
      String autoOffsetReset,
      int maxPollRecords) {
    return new KafkaConsumer<>(
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
