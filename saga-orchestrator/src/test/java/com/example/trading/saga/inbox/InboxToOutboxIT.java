package com.example.trading.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.schemas.FeeCommand.ChargeFee;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.JsonLogLines;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Events in through the inbox, commands out through the outbox, on the real PostgreSQL and Kafka:
 * an OrderPlaced record on the order topic starts a saga whose ReserveHolding reaches the command
 * topic with the envelope; a redelivered record changes nothing; an unreadable one is kept aside.
 */
@SpringBootTest
class InboxToOutboxIT {

  static String prefix;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    prefix = SagaTestSupport.register(registry, "http://127.0.0.1:9");
  }

  @Autowired JdbcTemplate jdbc;

  KafkaTail commands;

  @BeforeEach
  void tailCommands() {
    commands = KafkaTail.open(TestStack.get().kafkaBootstrapServers(), prefix + Topics.COMMANDS);
  }

  @AfterEach
  void close() {
    commands.close();
  }

  static OrderPlaced limitSell(String orderId) {
    return new OrderPlaced(
        orderId,
        "acc-1",
        "c-" + orderId,
        Side.SELL,
        "AAPL",
        10,
        OrderType.LIMIT,
        new BigDecimal("190.00"),
        new BigDecimal("25.00"),
        TimeInForce.DAY,
        null);
  }

  @Test
  void anOrderPlacedOnKafkaReservesThroughTheOutboxWithTheEnvelope() {
    String orderId = UUID.randomUUID().toString();
    String placedId = SagaTestSupport.publish(prefix, limitSell(orderId), 0);

    ConsumerRecord<String, byte[]> reserve =
        commands
            .await(r -> orderId.equals(header(r, "correlationId")), 1, Duration.ofSeconds(30))
            .get(0);

    assertThat(reserve.key()).isEqualTo("acc-1/AAPL");
    assertThat(header(reserve, MessageMetadata.TYPE)).isEqualTo("ReserveHolding");
    assertThat(header(reserve, MessageMetadata.REVISION)).isEqualTo("1");
    assertThat(header(reserve, MessageMetadata.CAUSATION_ID)).isEqualTo(placedId);
    assertThat(header(reserve, MessageMetadata.MESSAGE_ID)).isNotBlank();
    assertThat(SagaTestSupport.codec().deserialize("ReserveHolding", 1, reserve.value()))
        .isEqualTo(
            new ReserveHolding("acc-1/AAPL", "acc-1", "AAPL", orderId, BigDecimal.valueOf(10)));
    assertThat(
            jdbc.queryForObject(
                "select event_identifier from domain_event_entry where aggregate_identifier = ?",
                String.class,
                "order:" + orderId))
        .isEqualTo(placedId);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForObject(
                            "select count(*) from command_outbox where correlation_id = ? and published_at is null",
                            Integer.class,
                            orderId))
                    .isZero());
    assertThat(
            jdbc.queryForObject(
                "select step from saga_status where order_id = ?", String.class, orderId))
        .isEqualTo("RESERVING");

    // The next step: the holding's answer (on its own topic) charges the fee.
    SagaTestSupport.publish(
        prefix,
        new HoldingReserved("acc-1/AAPL", "acc-1", "AAPL", orderId, BigDecimal.valueOf(10)),
        3);
    ConsumerRecord<String, byte[]> charge =
        commands
            .await(r -> orderId.equals(header(r, "correlationId")), 2, Duration.ofSeconds(30))
            .get(1);
    assertThat(charge.key()).isEqualTo(orderId);
    assertThat(SagaTestSupport.codec().deserialize("ChargeFee", 2, charge.value()))
        .isEqualTo(
            new ChargeFee(
                orderId,
                "acc-1",
                Side.SELL,
                "AAPL",
                10,
                new BigDecimal("190.00"),
                new BigDecimal("25.00"),
                "standard-v1"));
  }

  @Test
  void aRedeliveredEventIsStoredOnceAndDecidesNothingTwice() {
    String orderId = UUID.randomUUID().toString();
    String messageId = UUID.randomUUID().toString();
    SagaTestSupport.publish(prefix, limitSell(orderId), 0, messageId);
    SagaTestSupport.publish(prefix, limitSell(orderId), 0, messageId);

    commands.await(r -> orderId.equals(header(r, "correlationId")), 1, Duration.ofSeconds(30));
    assertThat(
            commands.readFor(
                Duration.ofSeconds(3), r -> orderId.equals(header(r, "correlationId"))))
        .hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where event_identifier = ?",
                Integer.class,
                messageId))
        .isOne();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from command_outbox where correlation_id = ?",
                Integer.class,
                orderId))
        .isOne();
  }

  @Test
  void anEventNoSagaHandlesIsNotStoredAndTheInboxGoesOn() {
    String orderId = UUID.randomUUID().toString();
    String placedId = SagaTestSupport.publish(prefix, limitSell(orderId), 0);
    String submittedId =
        SagaTestSupport.publish(prefix, new OrderSubmitted(orderId, "venue-" + orderId), 1);
    String cancelId =
        SagaTestSupport.publish(
            prefix, new OrderCancellationRequested(orderId, "customer", "test"), 2);

    // One partition, read in order: once the later event is stored, the one before it was read.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from domain_event_entry where event_identifier = ?",
                        Integer.class,
                        cancelId)
                    == 1);
    assertThat(
            jdbc.queryForList(
                "select event_identifier from domain_event_entry where event_identifier in (?, ?, ?)",
                String.class,
                placedId,
                submittedId,
                cancelId))
        .containsExactlyInAnyOrder(placedId, cancelId);
  }

  @Test
  void anUnreadableRecordIsKeptAsideAndTheInboxGoesOn() {
    KafkaTail.send(
        TestStack.get().kafkaBootstrapServers(),
        prefix + Topics.ORDER_EVENTS,
        "o-garbage",
        "not json".getBytes(StandardCharsets.UTF_8),
        Map.of(
            "messageId",
            UUID.randomUUID().toString(),
            "type",
            "NoSuchEvent",
            "revision",
            "1",
            "timestamp",
            "2026-01-01T00:00:00Z"));
    String orderId = UUID.randomUUID().toString();
    SagaTestSupport.publish(prefix, limitSell(orderId), 0);

    commands.await(r -> orderId.equals(header(r, "correlationId")), 1, Duration.ofSeconds(30));
    assertThat(
            jdbc.queryForObject(
                "select reason from inbox_rejected where message_key = 'o-garbage'", String.class))
        .contains("NoSuchEvent");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void theLinesTheSagaLogsNameTheTraceTheJourneyTheOrderAndTheAccount(CapturedOutput output) {
    String orderId = UUID.randomUUID().toString();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    SagaTestSupport.publish(
        prefix,
        limitSell(orderId),
        0,
        UUID.randomUUID().toString(),
        "00-" + traceId + "-00f067aa0ba902b7-01");

    commands.await(r -> orderId.equals(header(r, "correlationId")), 1, Duration.ofSeconds(30));
    List<JsonNode> lines =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    JsonLogLines.of(output.getOut()).stream()
                        .filter(line -> orderId.equals(line.path("orderId").asText()))
                        .toList(),
                found -> !found.isEmpty());
    for (JsonNode line : lines) {
      JsonLogLines.assertNames(line, traceId, orderId, orderId, "acc-1");
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return KafkaTail.header(record, name);
  }
}
