package com.example.trading.saga.store;

import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two orchestrator instances on one database share the saga segments half and half; when one stops,
 * the other takes them all.
 */
class SegmentSharingIT {

  @Test
  void twoInstancesShareTheSegmentsAndASurvivorTakesThemAll() {
    Map<String, Object> properties = SagaTestSupport.standalone("http://127.0.0.1:9");
    properties.put("trading.saga.processor.segments", "4");
    properties.put("trading.saga.processor.heartbeat", "200ms");
    properties.put("trading.saga.processor.release-for", "2s");

    try (ConfigurableApplicationContext first = SagaTestSupport.start(properties)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> claimed(first) == 4);
      try (ConfigurableApplicationContext second = SagaTestSupport.start(properties)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> claimed(first) == 2 && claimed(second) == 2);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> claimed(first) == 4);
    }
  }

  private static int claimed(ConfigurableApplicationContext instance) {
    return instance
        .getBean(EventProcessingConfiguration.class)
        .eventProcessor(AxonConfiguration.SAGA_PROCESSOR, StreamingEventProcessor.class)
        .map(processor -> processor.processingStatus().size())
        .orElse(0);
  }
}
