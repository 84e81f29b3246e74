package com.example.trading.command.relay;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.ReliableProducer;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's Kafka: the topics it owns (event topics kept forever; the command topic and
 * its dead-letter topic), one idempotent producer ({@code acks=all}) shared by the event relay
 * and the dead-letter path, and the consumer of the saga's commands.
 */
@Configuration(proxyBeanMethods = false)
class KafkaMessagingConfiguration {

  KafkaMessagingConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensureRetainedForever(names.of(Topics.HOLDING_EVENTS), names.of(Topics.FEE_EVENTS),
        names.of(Topics.ORDER_EVENTS));
    topics.ensure(names.of(Topics.COMMANDS), names.of(Topics.COMMANDS_DEAD_LETTER));
  }

  /** Closed by {@code SagaCommandConsumer}, whose thread alone uses it. */
  @Bean(destroyMethod = "")
  Consumer<String, byte[]> sagaCommandKafkaConsumer(KafkaClientProperties kafka,
      @Value("${trading.saga-commands.group-id:command-side}") String groupId,
      @Value("${trading.saga-commands.auto-offset-reset:earliest}") String autoOffsetReset) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.CLIENT_ID_CONFIG, "command-side-saga-commands",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Bean(destroyMethod = "close")
  Producer<String, byte[]> eventProducer(KafkaClientProperties kafka) {
    return ReliableProducer.create(kafka, "command-side");
  }
}
