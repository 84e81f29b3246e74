package com.example.trading.saga.outbox;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command topic (created when missing) and the idempotent producer of the outbox relay. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  OutboxConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensure(names.of(Topics.COMMANDS), names.of(Topics.COMMANDS_DEAD_LETTER));
  }

  @Bean(destroyMethod = "close")
  Producer<String, byte[]> commandProducer(KafkaClientProperties kafka) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.CLIENT_ID_CONFIG, "saga-orchestrator-outbox",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
        ProducerConfig.LINGER_MS_CONFIG, 2,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
        new StringSerializer(), new ByteArraySerializer());
  }
}
