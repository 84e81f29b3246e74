package com.example.trading.saga.store;

import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaOrchestratorApplication;
import com.example.trading.teststack.TestStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two orchestrator instances on one database share the saga segments half and half; when one
 * stops, the other takes them all.
 */
class SegmentSharingIT {

  @Test
  void twoInstancesShareTheSegmentsAndASurvivorTakesThemAll() {
    TestStack stack = TestStack.get();
    String prefix = TestStack.uniqueName("saga") + ".";
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", stack.jdbcUrl(stack.createDatabase("saga")));
    properties.put("spring.datasource.username", stack.postgresUser());
    properties.put("spring.datasource.password", stack.postgresPassword());
    properties.put("trading.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    properties.put("trading.kafka.topic-prefix", prefix);
    properties.put("trading.inbox.group-id", TestStack.uniqueName("saga-inbox"));
    properties.put("trading.market.venue-url", "http://127.0.0.1:9");
    properties.put("trading.saga.processor.segments", "4");
    properties.put("trading.saga.processor.heartbeat", "200ms");
    properties.put("trading.saga.processor.release-for", "2s");
    properties.put("server.port", "0");

    try (ConfigurableApplicationContext first = start(properties)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> claimed(first) == 4);
      try (ConfigurableApplicationContext second = start(properties)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> claimed(first) == 2 && claimed(second) == 2);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> claimed(first) == 4);
    }
  }

  private static int claimed(ConfigurableApplicationContext instance) {
    return instance.getBean(EventProcessingConfiguration.class)
        .eventProcessor(AxonConfiguration.SAGA_PROCESSOR, StreamingEventProcessor.class)
        .map(processor -> processor.processingStatus().size())
        .orElse(0);
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(SagaOrchestratorApplication.class)
        .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }
}
