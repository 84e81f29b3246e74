package com.example.trading.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.saga.market.MarketEvent.ReferencePriceQuoted;
import com.example.trading.saga.store.StoredEvents;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event that reaches the inbox long after it happened must not make the saga processor skip an
 * event another writer is committing at that moment. The processor's tracking token keeps a gap for
 * each store position taken by a transaction not yet committed, but drops every gap below an event
 * stamped older than the store's gap timeout (60 s), as proof that those transactions died. Here
 * the venue's price for one order is being stored (its position taken, not committed) while another
 * order's placement, which happened five minutes ago, arrives through the inbox and is handled;
 * then the price commits. Stamped with when it happened, the late placement made the processor
 * forget the price's position and the first order waited for ever; stamped with when it was stored,
 * the price is handled once it commits.
 */
@SpringBootTest
class LateEventGapIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    // A venue that never answers: the price only arrives the way the test stores it.
    prefix = SagaTestSupport.register(registry, "http://127.0.0.1:9");
    registry.add("trading.saga.processor.segments", () -> "1");
    registry.add("trading.saga.timeouts.pricing", () -> "10m");
  }

  static String prefix;

  @Autowired JdbcTemplate jdbc;
  @Autowired EventStore eventStore;
  @Autowired TransactionTemplate transaction;

  @Test
  void aLateEventDoesNotMakeTheProcessorSkipAnEventBeingCommitted() throws Exception {
    String priced = UUID.randomUUID().toString();
    String late = UUID.randomUUID().toString();
    SagaTestSupport.publish(
        prefix,
        new OrderPlaced(
            priced,
            "acc-1",
            "c-" + priced,
            Side.SELL,
            "AAPL",
            5,
            OrderType.MARKET,
            null,
            new BigDecimal("25.00"),
            TimeInForce.DAY,
            null),
        0);
    await().atMost(Duration.ofSeconds(30)).until(() -> "PRICING".equals(step(priced)));

    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> price =
        CompletableFuture.runAsync(
            () ->
                transaction.executeWithoutResult(
                    status -> {
                      // Outside a unit of work the store appends at once, in this (still open)
                      // transaction.
                      eventStore.publish(
                          StoredEvents.of(
                              "test-quote-" + priced,
                              new ReferencePriceQuoted(priced, "AAPL", new BigDecimal("190.00")),
                              priced,
                              null,
                              null));
                      inserted.countDown();
                      try {
                        commit.await(60, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

    SagaTestSupport.publish(
        prefix,
        new OrderPlaced(
            late,
            "acc-2",
            "c-" + late,
            Side.SELL,
            "AAPL",
            5,
            OrderType.LIMIT,
            new BigDecimal("100.00"),
            new BigDecimal("25.00"),
            TimeInForce.DAY,
            null),
        0,
        UUID.randomUUID().toString(),
        null,
        Instant.now().minus(Duration.ofMinutes(5)));
    await().atMost(Duration.ofSeconds(30)).until(() -> "RESERVING".equals(step(late)));
    commit.countDown();
    price.get(30, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(30)).until(() -> "RESERVING".equals(step(priced)));
    assertThat(
            jdbc.queryForObject(
                """
        select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?""",
                String.class,
                "order:" + late))
        .as("when it happened is kept")
        .contains("occurredAt");
  }

  private String step(String orderId) {
    return SagaTestSupport.stepOf(jdbc, orderId);
  }
}
