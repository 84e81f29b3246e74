package com.example.trading.command.sagacommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.platform.deadletters.KafkaDeadLetterTopic;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A saga command parked on {@code trading.commands.dlt} and handled by an operator through {@code
 * /ops/dead-letters}: the real consumer, Kafka, PostgreSQL and the ledger topic.
 */
class DeadLetterRedriveIT extends FundedHoldingTest {

  private static final String SOURCE = "/ops/dead-letters/" + Topics.COMMANDS_DEAD_LETTER;

  private JsonNode messages(String state) {
    var response = OPERATOR.get(port, SOURCE + "?state=" + state);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("messages");
  }

  /** The newest dead letter of this test's holding that carries {@code messageId}, in any state. */
  private Optional<JsonNode> deadLetter(String messageId, String state) {
    return StreamSupport.stream(messages(state).spliterator(), false)
        .filter(m -> holding.equals(m.path("message").path("key").asText()))
        .filter(m -> messageId.equals(m.path("message").path("headers").path("messageId").asText()))
        .reduce((first, second) -> second);
  }

  private JsonNode act(String action, String id, String reason) {
    var response =
        OPERATOR.postJson(
            port,
            SOURCE + "/" + action,
            "{\"reason\":\"" + reason + "\",\"ids\":[\"" + id + "\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("results").get(0);
  }

  @Test
  void aRefusedCommandIsReDrivenAfterTheFixAndAppliedExactlyOnce() {
    String settleId = "m-" + UUID.randomUUID();
    String order = "o-" + UUID.randomUUID();
    // The settlement arrives before its reservation: refused, parked.
    sendCommand(new SettleReservation(holding, order, "f-late", new BigDecimal("5")), settleId);
    JsonNode parked =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> deadLetter(settleId, "pending"), Optional::isPresent)
            .orElseThrow();
    assertThat(parked.path("message").path("reason").asText()).startsWith("refused");
    assertThat(parked.path("message").path("payload").asText()).contains("f-late");
    assertThat(parked.path("state").asText()).isEqualTo("PENDING");
    String first = parked.path("message").path("id").asText();

    // Re-driven before the fix: handed back, refused again, parked again (as a new dead letter).
    assertThat(act("redrive", first, "retry before the fix").path("outcome").asText())
        .isEqualTo("REDRIVEN");
    JsonNode again =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    deadLetter(settleId, "pending")
                        .filter(m -> !first.equals(m.path("message").path("id").asText())),
                Optional::isPresent)
            .orElseThrow();
    assertThat(
            again
                .path("message")
                .path("headers")
                .path(KafkaDeadLetterTopic.REDRIVEN_FROM_HEADER)
                .asText())
        .endsWith("/" + first);
    assertThat(eventsOf("HoldingDebited", "fillId", "f-late")).isZero();

    // The fix: the reservation it needs exists.
    sendCommand(
        new ReserveHolding(holding, account, "AAPL", order, new BigDecimal("10")),
        "m-" + UUID.randomUUID());
    await().atMost(Duration.ofSeconds(30)).until(() -> reservationsFor(order) == 1);

    String second = again.path("message").path("id").asText();
    JsonNode result = act("redrive", second, "reservation restored (ticket OPS-1)");
    assertThat(result.path("outcome").asText()).isEqualTo("REDRIVEN");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventsOf("HoldingDebited", "fillId", "f-late") == 1);

    // Recorded with who and why; not handled twice.
    JsonNode handled =
        deadLetter(settleId, "redriven")
            .filter(m -> second.equals(m.path("message").path("id").asText()))
            .orElseThrow();
    assertThat(handled.path("handledBy").asText()).startsWith("operator:");
    assertThat(handled.path("note").asText()).isEqualTo("reservation restored (ticket OPS-1)");
    assertThat(act("redrive", second, "again").path("outcome").asText())
        .isEqualTo("ALREADY_HANDLED");

    // A re-drive that died before it was recorded is done again: the copy arrives twice, applies
    // once.
    sendCommand(new SettleReservation(holding, order, "f-late", new BigDecimal("5")), settleId);
    String marker = "o-" + UUID.randomUUID();
    sendCommand(
        new ReserveHolding(holding, account, "AAPL", marker, new BigDecimal("1")),
        "m-" + UUID.randomUUID());
    await().atMost(Duration.ofSeconds(30)).until(() -> reservationsFor(marker) == 1);
    assertThat(eventsOf("HoldingDebited", "fillId", "f-late")).isEqualTo(1);
  }

  @Test
  void aDiscardedDeadLetterIsRecordedWithTheOperatorAndTheReasonAndLeavesThePendingList() {
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
    String id =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> deadLetter(garbageId, "pending"), Optional::isPresent)
            .orElseThrow()
            .path("message")
            .path("id")
            .asText();

    assertThat(act("discard", id, "garbage from a test producer").path("outcome").asText())
        .isEqualTo("DISCARDED");

    assertThat(deadLetter(garbageId, "pending")).isEmpty();
    JsonNode discarded = deadLetter(garbageId, "discarded").orElseThrow();
    assertThat(discarded.path("handledBy").asText()).startsWith("operator:");
    assertThat(discarded.path("note").asText()).isEqualTo("garbage from a test producer");
    assertThat(discarded.path("handledAt").asText()).isNotBlank();
    assertThat(act("redrive", id, "changed my mind").path("outcome").asText())
        .isEqualTo("ALREADY_HANDLED");

    JsonNode summary =
        StreamSupport.stream(
                json(OPERATOR.get(port, "/ops/dead-letters")).get("sources").spliterator(), false)
            .filter(s -> s.path("source").asText().equals(Topics.COMMANDS_DEAD_LETTER))
            .findFirst()
            .orElseThrow();
    assertThat(summary.path("redrivesTo").asText()).isEqualTo(Topics.COMMANDS);
    assertThat(summary.path("handled").asInt()).isPositive();
  }

  @Test
  void operatorActionsNeedAReasonAndASelectionAndAnOperator() {
    assertThat(OPERATOR.postJson(port, SOURCE + "/redrive", "{\"ids\":[\"0@1\"]}").statusCode())
        .isEqualTo(400);
    assertThat(OPERATOR.postJson(port, SOURCE + "/redrive", "{\"reason\":\"why\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            OPERATOR
                .postJson(
                    port,
                    SOURCE + "/discard",
                    "{\"reason\":\"why\",\"ids\":[\"0@1\"],\"all\":true}")
                .statusCode())
        .isEqualTo(400);
    assertThat(OPERATOR.get(port, SOURCE + "?state=sideways").statusCode()).isEqualTo(400);
    var unknown = OPERATOR.get(port, "/ops/dead-letters/no.such.dlt");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(act("redrive", "0@999999999", "nothing there").path("outcome").asText())
        .isEqualTo("NOT_FOUND");
    assertThat(
            TestHttp.asCustomer("cust-" + UUID.randomUUID())
                .get(port, "/ops/dead-letters")
                .statusCode())
        .isEqualTo(403);
    assertThat(TestHttp.anonymous().get(port, "/ops/dead-letters").statusCode()).isEqualTo(401);
  }
}
