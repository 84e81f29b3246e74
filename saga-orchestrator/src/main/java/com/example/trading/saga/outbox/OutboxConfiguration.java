package com.example.trading.saga.outbox;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command topic (created when missing) and the idempotent producer of the outbox relay. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  OutboxConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensure(names.of(Topics.COMMANDS));
    topics.ensureDeadLetters(names.of(Topics.COMMANDS_DEAD_LETTER));
  }

  @Bean(destroyMethod = "close")
  MessageSender commandSender(KafkaClientProperties kafka) {
    return MessageSender.create(kafka, "saga-orchestrator-outbox");
  }
}
