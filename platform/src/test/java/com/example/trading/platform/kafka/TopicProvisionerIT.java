package com.example.trading.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Dead-letter topics are kept 90 days, whether created now or found with the broker's default. */
class TopicProvisionerIT {

  @Test
  void deadLetterTopicsGetTheirLongRetentionNewOrExisting() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestStack.get().kafkaBootstrapServers()))) {
      TopicProvisioner topics = new TopicProvisioner(admin, 1, (short) 1);
      String created = TestStack.uniqueName("dlt-new");
      String existing = TestStack.uniqueName("dlt-existing");
      topics.ensure(existing);

      topics.ensureDeadLetters(created, existing);

      for (String topic : List.of(created, existing)) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String retention =
            admin
                .describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get(TopicConfig.RETENTION_MS_CONFIG)
                .value();
        assertThat(retention)
            .as(topic)
            .isEqualTo(Long.toString(TopicProvisioner.DEAD_LETTER_RETENTION.toMillis()));
      }
    }
  }
}
