package com.example.trading.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives every service on the classpath of kafka-clients one shared {@link Admin} client and the
 * {@code kafka} health indicator. Producers and consumers are built by the adapters that own them.
 */
@AutoConfiguration
@ConditionalOnClass(Admin.class)
@EnableConfigurationProperties(KafkaClientProperties.class)
public class KafkaConnectivityAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Admin kafkaAdmin(KafkaClientProperties properties) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG, "health-and-topics",
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
  }

  @Bean
  @ConditionalOnMissingBean
  KafkaCluster kafkaCluster(Admin kafkaAdmin) {
    return new KafkaCluster(kafkaAdmin);
  }

  @Bean
  @ConditionalOnMissingBean
  TopicNames topicNames(KafkaClientProperties properties) {
    return new TopicNames(properties.topicPrefix());
  }

  @Bean
  @ConditionalOnMissingBean
  TopicProvisioner topicProvisioner(Admin kafkaAdmin, KafkaClientProperties properties) {
    return new TopicProvisioner(
        kafkaAdmin, properties.partitions(), properties.replicationFactor());
  }

  @Bean("kafkaHealthIndicator")
  @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
  KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaAdmin, KafkaClientProperties properties) {
    return new KafkaHealthIndicator(kafkaAdmin, properties);
  }
}
