package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A saga's deadline outlives the process: armed in the saga's transaction in its status row, it
 * fires in the next process on the same database. Here a MARKET order waits for a price from a
 * venue that does not answer; the orchestrator stops before the pricing deadline and a new one
 * rejects the order (MARKET_TIMEOUT) when it passes.
 */
class PersistentDeadlineIT {

  @Test
  void aDeadlineScheduledBeforeARestartFiresAfterIt() {
    Map<String, Object> properties = SagaTestSupport.standalone("http://127.0.0.1:9");
    String prefix = (String) properties.get("trading.kafka.topic-prefix");
    properties.put("trading.saga.timeouts.pricing", "6s");
    properties.put("trading.saga.deadlines.polling-interval", "200ms");
    String orderId = UUID.randomUUID().toString();

    try (ConfigurableApplicationContext first = SagaTestSupport.start(properties)) {
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      SagaTestSupport.publish(
          prefix,
          new OrderPlaced(
              orderId,
              "acc-1",
              "c-1",
              Side.SELL,
              "AAPL",
              5,
              OrderType.MARKET,
              null,
              new BigDecimal("25.00"),
              TimeInForce.DAY,
              null),
          0);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  jdbc.queryForObject(
                          "select count(*) from saga_status where order_id = ? and step = 'PRICING'",
                          Integer.class,
                          orderId)
                      == 1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from saga_status where order_id = ? and deadline_at is not null",
                  Integer.class,
                  orderId))
          .isOne();
      assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class))
          .as("no db-scheduler task per step any more")
          .isZero();
    }

    try (ConfigurableApplicationContext second = SagaTestSupport.start(properties)) {
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  jdbc.queryForObject(
                          "select count(*) from command_outbox where correlation_id = ? and message_type = 'RejectOrder'",
                          Integer.class,
                          orderId)
                      == 1);
      byte[] payload =
          jdbc.queryForObject(
              "select payload from command_outbox where correlation_id = ? and message_type = 'RejectOrder'",
              byte[].class,
              orderId);
      assertThat(new String(payload, StandardCharsets.UTF_8)).contains("MARKET_TIMEOUT");
      assertThat(
              jdbc.queryForObject(
                  "select step from saga_status where order_id = ?", String.class, orderId))
          .isEqualTo("FINISHING");
    }
  }
}
