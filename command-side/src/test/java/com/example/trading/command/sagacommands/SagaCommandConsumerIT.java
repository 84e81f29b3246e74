package com.example.trading.command.sagacommands;

import static com.example.trading.teststack.KafkaTail.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.schemas.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.JsonLogLines;
import com.example.trading.teststack.KafkaTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class SagaCommandConsumerIT extends FundedHoldingTest {

  @Test
  void aCommandDeliveredTwiceAppliesOnce() {
    ReserveHolding reserve =
        new ReserveHolding(holding, account, "AAPL", "o-1", new BigDecimal("10"));
    sendCommand(reserve, "m-" + UUID.randomUUID());
    sendCommand(reserve, "m-" + UUID.randomUUID());
    // A later command on the same key is applied after both copies (one partition, in order).
    sendCommand(
        new ReserveHolding(holding, account, "AAPL", "o-2", new BigDecimal("5")),
        "m-" + UUID.randomUUID());

    await().atMost(Duration.ofSeconds(30)).until(() -> reservationsFor("o-2") == 1);
    assertThat(reservationsFor("o-1")).isEqualTo(1);
    assertThat(eventsOfType("$HoldingReserved")).isEqualTo(2);
  }

  /**
   * Another instance reserved on the holding behind this instance's cached copy (its saga-command
   * partition was elsewhere, then moved here): settling that reservation is refused on the stale
   * copy, and then decided again on the stored state, where it is applied, not dead-lettered.
   */
  @Test
  void aCommandRefusedOnAStaleCachedAggregateIsDecidedAgainOnTheStoredState() {
    // The deposit of fundTheHolding left sequence 0 in this instance's cache.
    storeAsIfAnotherInstance(
        new HoldingReserved(holding, account, "AAPL", "o-elsewhere", new BigDecimal("10")));

    sendCommand(
        new SettleReservation(holding, "o-elsewhere", "f-elsewhere", new BigDecimal("4")),
        "m-" + UUID.randomUUID());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventsOf("HoldingDebited", "fillId", "f-elsewhere") == 1);
  }

  /**
   * The same, for a release: the stale copy has no record of the reservation another instance made,
   * so releasing it is refused there, and released on the stored state, not silently dropped (a
   * no-op would leave the saga waiting for a release that never comes).
   */
  @Test
  void aReleaseOfAReservationMadeBehindAStaleCachedAggregateIsAppliedToTheStoredState() {
    storeAsIfAnotherInstance(
        new HoldingReserved(holding, account, "AAPL", "o-reserved-elsewhere", new BigDecimal("3")));

    sendCommand(new ReleaseReservation(holding, "o-reserved-elsewhere"), "m-" + UUID.randomUUID());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> eventsOf("HoldingReservationReleased", "orderId", "o-reserved-elsewhere") == 1);
  }

  @Test
  void poisonCommandsAreDeadLetteredAndTheConsumerGoesOn() {
    try (KafkaTail deadLetters = KafkaTail.open(kafka(), topic(Topics.COMMANDS_DEAD_LETTER))) {
      String garbageId = "m-" + UUID.randomUUID();
      KafkaTail.send(
          kafka(),
          topic(Topics.COMMANDS),
          holding,
          "not json".getBytes(),
          Map.of(
              "messageId",
              garbageId,
              "type",
              "ReserveHolding",
              "revision",
              "1",
              "timestamp",
              Instant.now().toString()));
      String unknownId = "m-" + UUID.randomUUID();
      KafkaTail.send(
          kafka(),
          topic(Topics.COMMANDS),
          holding,
          "{}".getBytes(),
          Map.of(
              "messageId",
              unknownId,
              "type",
              "TeleportHolding",
              "revision",
              "1",
              "timestamp",
              Instant.now().toString()));
      String refusedId = "m-" + UUID.randomUUID();
      sendCommand(
          new SettleReservation(holding, "never-reserved", "f-1", new BigDecimal("5")), refusedId);
      sendCommand(
          new ReserveHolding(holding, account, "AAPL", "o-after-poison", new BigDecimal("5")),
          "m-" + UUID.randomUUID());

      var dead = deadLetters.await(r -> holding.equals(r.key()), 3, Duration.ofSeconds(60));

      assertThat(dead)
          .extracting(r -> header(r, "messageId"))
          .containsExactly(garbageId, unknownId, refusedId);
      assertThat(header(dead.get(0), Topics.FAILURE_HEADER)).startsWith("unreadable");
      assertThat(header(dead.get(1), Topics.FAILURE_HEADER)).contains("TeleportHolding");
      assertThat(header(dead.get(2), Topics.FAILURE_HEADER)).startsWith("refused");
      await().atMost(Duration.ofSeconds(30)).until(() -> eventsOfType("$HoldingReserved") == 1);
    }
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void theLinesLoggedWhileACommandIsHandledNameItsTraceJourneyOrderAndAccount(
      CapturedOutput output) {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String messageId = "m-" + UUID.randomUUID();
    String order = "o-" + UUID.randomUUID();
    // Refused (nothing reserved): the consumer logs the failure and the dead letter.
    sendCommand(
        new SettleReservation(holding, order, "f-log", new BigDecimal("5")),
        messageId,
        "00-" + traceId + "-00f067aa0ba902b7-01");

    // The dead-letter line is the last one written for it.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                JsonLogLines.containing(output.getOut(), "dead-lettered command").stream()
                    .anyMatch(line -> line.path("message").asText().contains(holding)));

    var lines =
        JsonLogLines.of(output.getOut()).stream()
            .filter(
                line ->
                    line.path("message").asText().contains(messageId)
                        || line.path("message").asText().startsWith("dead-lettered command")
                            && line.path("message").asText().contains(holding))
            .toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    for (var line : lines) {
      JsonLogLines.assertNames(line, traceId, "corr-" + messageId, order, account);
    }
  }

  /**
   * Appends the event to the holding's stream at sequence 1 straight in the store, as another
   * instance would, behind this instance's cached copy (sequence 0, the deposit of {@code
   * fundTheHolding}).
   */
  private void storeAsIfAnotherInstance(HoldingReserved elsewhere) {
    jdbc.update(
        "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, 1, 'Holding', ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        holding,
        Instant.now().toString(),
        HoldingReserved.class.getName(),
        String.valueOf(codec.revision(HoldingReserved.class)),
        codec.serialize(elsewhere),
        "{}".getBytes());
  }
}
