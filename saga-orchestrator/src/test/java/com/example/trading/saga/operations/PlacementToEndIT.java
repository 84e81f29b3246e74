package com.example.trading.saga.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.saga.order.Ending;
import com.example.trading.saga.order.SagaJournal;
import com.example.trading.saga.order.SagaStep;
import com.example.trading.saga.store.StoredEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A saga's end is measured from its order's placement on the command side (the first event's {@code
 * occurredAt}), not from when the saga read it: {@code trading.saga.placement_to_end}, by outcome.
 */
@SpringBootTest
class PlacementToEndIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    SagaTestSupport.register(registry, "http://127.0.0.1:9");
    registry.add("trading.saga.deadlines.polling-interval", () -> "1h");
  }

  @Autowired SagaJournal journal;
  @Autowired MeterRegistry meters;

  @Test
  void theEndIsMeasuredFromThePlacementTheFirstEventCarries() {
    String orderId = "placed-" + UUID.randomUUID();
    Instant placed = Instant.now().minus(Duration.ofSeconds(30));
    var orderPlaced =
        GenericEventMessage.asEventMessage("OrderPlaced of " + orderId)
            .withMetaData(MetaData.with(StoredEvents.OCCURRED_AT, placed.toString()));
    var unitOfWork = DefaultUnitOfWork.startAndGet(orderPlaced);
    unitOfWork.execute(
        () -> journal.moved(orderId, SagaStep.RESERVING, null, Duration.ofSeconds(10)));
    Timer timer = meters.find("trading.saga.placement_to_end").tag("outcome", "CANCELLED").timer();
    long countBefore = timer == null ? 0 : timer.count();
    double secondsBefore = timer == null ? 0 : timer.totalTime(TimeUnit.SECONDS);

    journal.finished(orderId, Ending.cancelled("test"));

    timer = meters.find("trading.saga.placement_to_end").tag("outcome", "CANCELLED").timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(countBefore + 1);
    assertThat(timer.totalTime(TimeUnit.SECONDS) - secondsBefore)
        .as("the 30 s since the placement, not the moment since the saga began")
        .isBetween(30.0, 90.0);
  }
}
