package com.example.trading.platform.deadletters;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.KafkaConnectivityAutoConfiguration;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code /ops/dead-letters} in every service that declares its {@link DeadLetterSources}, with the
 * shared ledger of what operators did (a compacted topic, created when missing).
 */
@AutoConfiguration(after = KafkaConnectivityAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBean(DeadLetterSources.class)
public class DeadLettersAutoConfiguration {

  @Bean(destroyMethod = "close")
  DeadLetterLedger deadLetterLedger(
      KafkaClientProperties kafka, TopicNames topics, TopicProvisioner provisioner) {
    provisioner.ensureCompacted(topics.of(DeadLetterLedger.TOPIC));
    return new DeadLetterLedger(
        topics, new TopicReader(kafka), MessageSender.create(kafka, "dead-letter-ledger"));
  }

  @Bean
  DeadLetterDesk deadLetterDesk(
      List<DeadLetterSources> sources, DeadLetterLedger deadLetterLedger) {
    return new DeadLetterDesk(
        sources.stream().flatMap(s -> s.sources().stream()).toList(),
        deadLetterLedger,
        Clock.systemUTC());
  }

  @Bean
  DeadLetterController deadLetterController(DeadLetterDesk deadLetterDesk) {
    return new DeadLetterController(deadLetterDesk);
  }
}
