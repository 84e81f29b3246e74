package com.example.trading.teststack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka half of {@link NamedResources}, apart so that a module without kafka-clients never
 * loads it.
 */
final class NamedTopics {

  private static final long TIMEOUT_SECONDS = 10;

  private NamedTopics() {}

  /** Deletes the topics named after {@code issued}. */
  static void delete(String bootstrapServers, Collection<String> issued) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
      List<String> topics =
          NamedResources.named(
              admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS), issued);
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }
}
