package com.example.trading.saga.inbox;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event topics (created when missing, kept for ever) and the inbox's Kafka consumer. */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

  InboxConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensureRetainedForever(names.of(Topics.HOLDING_EVENTS), names.of(Topics.FEE_EVENTS),
        names.of(Topics.ORDER_EVENTS));
  }

  /** Closed by {@link InboxConsumer}, whose thread alone uses it. */
  @Bean(destroyMethod = "")
  Consumer<String, byte[]> inboxKafkaConsumer(KafkaClientProperties kafka,
      @Value("${trading.inbox.group-id:saga-orchestrator}") String groupId,
      @Value("${trading.inbox.auto-offset-reset:earliest}") String autoOffsetReset) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.CLIENT_ID_CONFIG, "saga-orchestrator-inbox",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }
}
