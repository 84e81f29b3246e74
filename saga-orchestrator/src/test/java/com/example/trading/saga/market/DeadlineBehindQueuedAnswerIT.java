package com.example.trading.saga.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.saga.market.MarketEvent.ReferencePriceQuoted;
import com.example.trading.saga.store.EventStoreTransactions;
import com.example.trading.saga.store.SagaProcessorProgress;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A step deadline measures the venue's silence, not our own queue: when the venue's answer is
 * already stored but still waits behind other events for the saga processor, the deadline that
 * comes due meanwhile is stored behind the answer, reaches the saga after it, and finds the saga
 * moved on. Here the processor is held up on purpose (another order's first write waits for a row
 * lock this test holds) while the price for a MARKET order is stored behind it; the pricing
 * deadline comes due and is stored; then the lock is released.
 */
@SpringBootTest
class DeadlineBehindQueuedAnswerIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    // A venue that never answers: the quote only arrives the way the test stores it.
    prefix = SagaTestSupport.register(registry, "http://127.0.0.1:9");
    registry.add("trading.saga.processor.segments", () -> "1");
    // Long enough for the set-up below (a few hundred milliseconds) to finish before it comes due.
    registry.add("trading.saga.timeouts.pricing", () -> "10s");
    registry.add("trading.saga.deadlines.polling-interval", () -> "100ms");
  }

  static String prefix;

  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired EventStoreTransactions transaction;
  @Autowired MarketEventLog events;
  @Autowired SagaProcessorProgress progress;

  @Test
  void aDeadlineDueWhileItsAnswerIsQueuedArrivesAfterTheAnswer() throws Exception {
    String priced = UUID.randomUUID().toString();
    String blocker = UUID.randomUUID().toString();
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
    await().atMost(Duration.ofSeconds(30)).until(() -> step(priced) != null);
    assertThat(step(priced)).isEqualTo("PRICING");

    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (var insert =
          lock.prepareStatement(
              "insert into saga_status (order_id, correlation_id, step) values (?, ?, 'PRICING')")) {
        insert.setString(1, blocker);
        insert.setString(2, blocker);
        insert.executeUpdate();
      }
      // The processor's write for this order waits for the uncommitted row above.
      SagaTestSupport.publish(
          prefix,
          new OrderPlaced(
              blocker,
              "acc-2",
              "c-" + blocker,
              Side.SELL,
              "AAPL",
              5,
              OrderType.LIMIT,
              new BigDecimal("100.00"),
              new BigDecimal("25.00"),
              TimeInForce.DAY,
              null),
          0);
      await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderPlaced(blocker));
      assertThat(deadlineStored(priced))
          .as("the pricing deadline must not have come due during the set-up")
          .isFalse();
      transaction.execute(
          () ->
              events.append(
                  "test-quote-" + priced,
                  new ReferencePriceQuoted(priced, "AAPL", new BigDecimal("190.00")),
                  null,
                  null));
      // The pricing deadline has come due and is stored, behind the quote.
      await().atMost(Duration.ofSeconds(30)).until(() -> deadlineStored(priced));
      assertThat(step(priced)).isEqualTo("PRICING");
      lock.rollback();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> "RESERVING".equals(step(priced)));
    // The deadline has been handled too (the processor is past it) and changed nothing.
    await().atMost(Duration.ofSeconds(30)).until(() -> progress.backlog() == 0);
    assertThat(step(priced)).isEqualTo("RESERVING");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from command_outbox where correlation_id = ? and message_type = 'RejectOrder'",
                Integer.class,
                priced))
        .isZero();
  }

  private String step(String orderId) {
    return SagaTestSupport.stepOf(jdbc, orderId);
  }

  private boolean storedOrderPlaced(String orderId) {
    return jdbc.queryForObject(
            "select count(*) from domain_event_entry where aggregate_identifier = ?",
            Integer.class,
            "order:" + orderId)
        == 1;
  }

  private boolean deadlineStored(String orderId) {
    return jdbc.queryForObject(
            """
        select count(*) from domain_event_entry
        where payload_type like '%StepDeadlinePassed' and convert_from(payload, 'UTF8') like ?""",
            Integer.class, "%" + orderId + "%")
        > 0;
  }
}
