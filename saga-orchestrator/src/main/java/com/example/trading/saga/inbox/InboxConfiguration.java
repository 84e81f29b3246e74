package com.example.trading.saga.inbox;

import com.example.trading.platform.deadletters.DeadLetterSources;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.EventStream;
import java.util.Arrays;
import java.util.List;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event topics (created when missing, kept for ever), how the inbox consumes and its rejected
 * records.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

  InboxConfiguration(TopicProvisioner topics, TopicNames names) {
    topics.ensureRetainedForever(
        names.of(EventStream.topicsOf(EventStream.SAGA_INPUTS)).toArray(String[]::new));
  }

  /** {@code /ops/dead-letters}: the event records the inbox could not read. */
  @Bean
  DeadLetterSources inboxDeadLetters(RejectedInbox rejected) {
    return () -> List.of(rejected);
  }

  /** What the application's sagas ({@code @Saga} beans) handle: the inbox stores only that. */
  @Bean
  SagaInputs sagaInputs(ListableBeanFactory beans) {
    return SagaInputs.of(
        Arrays.stream(beans.getBeanNamesForAnnotation(Saga.class))
            .<Class<?>>map(beans::getType)
            .toList());
  }

  @Bean
  ConsumerSettings inboxConsumerSettings(
      KafkaClientProperties kafka,
      @Value("${trading.inbox.group-id:saga-orchestrator}") String groupId,
      @Value("${trading.inbox.auto-offset-reset:earliest}") String autoOffsetReset) {
    return new ConsumerSettings(kafka, groupId, "saga-orchestrator-inbox", autoOffsetReset, 200);
  }
}
