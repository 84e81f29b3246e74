package com.example.trading.command.sagacommands;

import static org.awaitility.Awaitility.await;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.teststack.KafkaTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh account's AAPL holding with 100 shares, once the saga-command consumer owns its
 * partitions; saga commands are sent to it through the command topic as the orchestrator does.
 */
abstract class FundedHoldingTest extends CommandSideIntegrationTest {

  @Autowired CommandGateway commands;
  @Autowired JdbcTemplate jdbc;
  @Autowired SagaCommandConsumer consumer;

  protected final MessageCodec codec = new MessageCodec();
  protected final String account = "acc-" + UUID.randomUUID();
  protected final String holding = Assets.holdingId(account, "AAPL");

  @BeforeEach
  void fundTheHolding() {
    await().atMost(Duration.ofSeconds(60)).until(consumer::hasAssignment);
    commands.sendAndWait(new DepositHolding(holding, account, "AAPL", new BigDecimal("100"), null));
  }

  protected void sendCommand(Object command, String messageId) {
    sendCommand(command, messageId, null);
  }

  /**
   * Sends a command as the orchestrator does, in the trace of {@code traceparent} (may be null).
   */
  protected void sendCommand(Object command, String messageId, String traceparent) {
    var metadata =
        new MessageMetadata(
            messageId,
            "corr-" + messageId,
            null,
            Instant.now(),
            codec.typeName(command.getClass()),
            codec.revision(command.getClass()),
            traceparent);
    KafkaTail.send(
        kafka(), topic(Topics.COMMANDS), holding, codec.serialize(command), metadata.toHeaders());
  }

  protected int eventsOfType(String payloadTypeSuffix) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ? "
            + "and payload_type like ?",
        Integer.class,
        holding,
        "%" + payloadTypeSuffix);
  }

  /** The holding's events of a type whose payload has {@code "field":"value"}. */
  protected int eventsOf(String type, String field, String value) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ? "
            + "and payload_type like ? and convert_from(payload, 'UTF8') like ?",
        Integer.class,
        holding,
        "%$" + type,
        "%\"" + field + "\":\"" + value + "\"%");
  }

  protected int reservationsFor(String orderId) {
    return eventsOf("HoldingReserved", "orderId", orderId);
  }
}
