package com.example.trading.command.sagacommands;

import static com.example.trading.teststack.KafkaTail.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.schemas.holding.HoldingCommand.DepositHolding;
import com.example.trading.schemas.holding.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.holding.HoldingCommand.SettleReservation;
import com.example.trading.teststack.KafkaTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SagaCommandConsumerIT extends CommandSideIntegrationTest {

  @Autowired
  CommandGateway commands;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  SagaCommandConsumer consumer;

  private final MessageCodec codec = new MessageCodec();
  private final String account = "acc-" + UUID.randomUUID();
  private final String holding = Assets.holdingId(account, "AAPL");

  @BeforeEach
  void fundTheHolding() {
    await().atMost(Duration.ofSeconds(60)).until(consumer::hasAssignment);
    commands.sendAndWait(new DepositHolding(holding, account, "AAPL", new BigDecimal("100"), null));
  }

  private void sendCommand(Object command, String messageId) {
    var metadata = new MessageMetadata(messageId, "corr-" + messageId, null, Instant.now(),
        codec.typeName(command.getClass()), codec.revision(command.getClass()), null);
    KafkaTail.send(kafka(), topic(Topics.COMMANDS), holding, codec.serialize(command), metadata.toHeaders());
  }

  private int eventsOfType(String payloadTypeSuffix) {
    return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
        + "and payload_type like ?", Integer.class, holding, "%" + payloadTypeSuffix);
  }

  private int reservationsFor(String orderId) {
    return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
        + "and payload_type like '%$HoldingReserved' and convert_from(payload, 'UTF8') like ?",
        Integer.class, holding, "%\"orderId\":\"" + orderId + "\"%");
  }

  @Test
  void aCommandDeliveredTwiceAppliesOnce() {
    ReserveHolding reserve = new ReserveHolding(holding, account, "AAPL", "o-1", new BigDecimal("10"));
    sendCommand(reserve, "m-" + UUID.randomUUID());
    sendCommand(reserve, "m-" + UUID.randomUUID());
    // A later command on the same key is applied after both copies (one partition, in order).
    sendCommand(new ReserveHolding(holding, account, "AAPL", "o-2", new BigDecimal("5")), "m-" + UUID.randomUUID());

    await().atMost(Duration.ofSeconds(30)).until(() -> reservationsFor("o-2") == 1);
    assertThat(reservationsFor("o-1")).isEqualTo(1);
    assertThat(eventsOfType("$HoldingReserved")).isEqualTo(2);
  }

  @Test
  void poisonCommandsAreDeadLetteredAndTheConsumerGoesOn() {
    try (KafkaTail deadLetters = KafkaTail.open(kafka(), topic(Topics.COMMANDS_DEAD_LETTER))) {
      String garbageId = "m-" + UUID.randomUUID();
      KafkaTail.send(kafka(), topic(Topics.COMMANDS), holding, "not json".getBytes(), Map.of(
          "messageId", garbageId, "type", "ReserveHolding", "revision", "1", "timestamp", Instant.now().toString()));
      String unknownId = "m-" + UUID.randomUUID();
      KafkaTail.send(kafka(), topic(Topics.COMMANDS), holding, "{}".getBytes(), Map.of(
          "messageId", unknownId, "type", "TeleportHolding", "revision", "1", "timestamp", Instant.now().toString()));
      String refusedId = "m-" + UUID.randomUUID();
      sendCommand(new SettleReservation(holding, "never-reserved", "f-1", new BigDecimal("5")), refusedId);
      sendCommand(new ReserveHolding(holding, account, "AAPL", "o-after-poison", new BigDecimal("5")),
          "m-" + UUID.randomUUID());

      var dead = deadLetters.await(r -> holding.equals(r.key()), 3, Duration.ofSeconds(60));

      assertThat(dead).extracting(r -> header(r, "messageId")).containsExactly(garbageId, unknownId, refusedId);
      assertThat(header(dead.get(0), Topics.FAILURE_HEADER)).startsWith("unreadable");
      assertThat(header(dead.get(1), Topics.FAILURE_HEADER)).contains("TeleportHolding");
      assertThat(header(dead.get(2), Topics.FAILURE_HEADER)).startsWith("refused");
      await().atMost(Duration.ofSeconds(30)).until(() -> eventsOfType("$HoldingReserved") == 1);
    }
  }
}
