package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.saga.order.Ending;
import com.example.trading.saga.order.SagaJournal;
import com.example.trading.saga.order.SagaStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Due deadlines are delivered once each, however many deliverers run at once (instances, or rounds
 * overlapping): every one becomes exactly one {@code StepDeadlinePassed} with the step and retry of
 * its row, and is cleared in the same transaction; one not due yet stays. A saga that finishes
 * disarms its deadline: nothing is delivered for it afterwards. Its end is measured from its
 * order's placement on the command side (the first event's {@code occurredAt}), not from when the
 * saga read it: {@code trading.saga.placement_to_end}, by outcome.
 */
@SpringBootTest
class StepDeadlinesIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    SagaTestSupport.register(registry, "http://127.0.0.1:9");
    // The test drives the deliveries itself.
    registry.add("trading.saga.deadlines.polling-interval", () -> "1h");
    registry.add("trading.saga.deadlines.batch-size", () -> "7");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired StepDeadlines deadlines;
  @Autowired SagaJournal journal;
  @Autowired MeterRegistry meters;

  @Test
  void aFinishedSagasDeadlineIsDisarmedAndNeverDelivered() {
    String orderId = "finished-" + UUID.randomUUID();
    journal.moved(orderId, SagaStep.FINISHING, Ending.completed(), Duration.ofMillis(1));
    journal.finished(orderId, Ending.completed());

    assertThat(
            jdbc.queryForObject(
                "select deadline_at is null from saga_status where order_id = ?",
                Boolean.class,
                orderId))
        .isTrue();
    while (deadlines.deliverDue() > 0) {
      // deliver whatever else is due
    }
    assertThat(
            jdbc.queryForObject(
                """
                select count(*) from domain_event_entry where payload_type like '%StepDeadlinePassed'
                and position(convert_to(?, 'UTF8') in payload) > 0""",
                Integer.class, "\"" + orderId + "\""))
        .isZero();
  }

  @Test
  void dueDeadlinesAreStoredOnceEachByConcurrentDeliverers() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> due = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String orderId = run + "-due-" + i;
      due.add(orderId);
      jdbc.update(
          """
          insert into saga_status (order_id, correlation_id, step, retries, deadline_at, deadline_traceparent)
          values (?, ?, 'SETTLING', ?, now() - interval '1 second', ?)""",
          orderId,
          orderId,
          i % 3,
          "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
    String later = run + "-later";
    jdbc.update(
        "insert into saga_status (order_id, correlation_id, step, deadline_at) values (?, ?, 'PRICING', "
            + "now() + interval '1 hour')",
        later,
        later);

    ExecutorService deliverers = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> rounds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        rounds.add(
            () -> {
              int delivered = 0;
              for (int n; (n = deadlines.deliverDue()) > 0; ) {
                delivered += n;
              }
              return delivered;
            });
      }
      int delivered = 0;
      for (Future<Integer> round : deliverers.invokeAll(rounds)) {
        delivered += round.get();
      }
      assertThat(delivered).isGreaterThanOrEqualTo(due.size());
    } finally {
      deliverers.shutdownNow();
    }

    for (String orderId : due) {
      List<String> stored =
          jdbc.queryForList(
              """
          select convert_from(payload, 'UTF8') from domain_event_entry
          where payload_type like '%StepDeadlinePassed' and position(convert_to(?, 'UTF8') in payload) > 0""",
              String.class, "\"" + orderId + "\"");
      assertThat(stored).as(orderId).hasSize(1);
      int retry = Integer.parseInt(orderId.substring(orderId.lastIndexOf('-') + 1)) % 3;
      assertThat(stored.getFirst())
          .contains("\"step\":\"SETTLING\"")
          .contains("\"retry\":" + retry);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from saga_status where order_id like ? and deadline_at is not null",
                Integer.class,
                run + "-due-%"))
        .as("delivered deadlines are cleared")
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select deadline_at is not null from saga_status where order_id = ?",
                Boolean.class,
                later))
        .as("a deadline not due yet stays")
        .isTrue();
    assertThat(
            jdbc.queryForList(
                    """
        select convert_from(meta_data, 'UTF8') from domain_event_entry
        where payload_type like '%StepDeadlinePassed' and position(convert_to(?, 'UTF8') in payload) > 0""",
                    String.class, "\"" + due.getFirst() + "\"")
                .getFirst())
        .as("the deadline continues the trace of the step that armed it")
        .contains("0af7651916cd43dd8448eb211c80319c")
        .contains(due.getFirst());
  }

  @Test
  void aSagasEndIsMeasuredFromThePlacementItsFirstEventCarries() {
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
