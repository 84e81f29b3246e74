package com.example.trading.command.relay;

import com.example.trading.platform.deadletters.DeadLetterSources;
import com.example.trading.platform.deadletters.KafkaDeadLetterTopic;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.Topics;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's Kafka: the topics it owns (event topics kept forever; the command topic and
 * its dead-letter topic), one idempotent producer ({@code acks=all}) shared by the event relay and
 * the dead-letter path, the consumer of the saga's commands, and the dead letters an operator
 * re-drives.
 */
@Configuration(proxyBeanMethods = false)
class KafkaMessagingConfiguration {

  KafkaMessagingConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensureRetainedForever(
        Topics.EVENT_TOPICS.stream().map(names::of).toArray(String[]::new));
    topics.ensure(names.of(Topics.COMMANDS));
    topics.ensureDeadLetters(names.of(Topics.COMMANDS_DEAD_LETTER));
  }

  @Bean
  ConsumerSettings sagaCommandConsumerSettings(
      KafkaClientProperties kafka,
      @Value("${trading.saga-commands.group-id:command-side}") String groupId,
      @Value("${trading.saga-commands.auto-offset-reset:earliest}") String autoOffsetReset) {
    return new ConsumerSettings(kafka, groupId, "command-side-saga-commands", autoOffsetReset, 100);
  }

  @Bean(destroyMethod = "close")
  MessageSender eventSender(KafkaClientProperties kafka) {
    return MessageSender.create(kafka, "command-side");
  }

  /**
   * {@code /ops/dead-letters}: saga commands that could not be applied, re-driven to the command
   * topic.
   */
  @Bean
  DeadLetterSources commandDeadLetters(
      TopicNames names, KafkaClientProperties kafka, MessageSender eventSender) {
    return () ->
        List.of(
            KafkaDeadLetterTopic.redrivenToSource(
                Topics.COMMANDS_DEAD_LETTER, Topics.COMMANDS, names, kafka, eventSender));
  }
}
