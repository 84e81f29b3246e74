package com.example.trading.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /ops/dead-letters/inbox-rejected} on the real orchestrator, PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RejectedInboxIT {

  private static final String SOURCE = "/ops/dead-letters/" + RejectedInbox.NAME;
  private static final TestHttp.Caller OPERATOR = TestHttp.asOperator();
  private static final ObjectMapper JSON = new ObjectMapper();

  static String prefix;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    prefix = SagaTestSupport.register(registry, "http://127.0.0.1:9");
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RejectedInbox rejected;

  private JsonNode get(String path) throws Exception {
    var response = OPERATOR.get(port, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode act(String action, String id, String reason) throws Exception {
    var response =
        OPERATOR.postJson(
            port,
            SOURCE + "/" + action,
            "{\"reason\":\"" + reason + "\",\"ids\":[\"" + id + "\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("results").get(0);
  }

  private JsonNode listed(String id, String state) throws Exception {
    return StreamSupport.stream(
            get(SOURCE + "?state=" + state).get("messages").spliterator(), false)
        .filter(m -> id.equals(m.path("message").path("id").asText()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void anUnreadableRecordStaysParkedWhenReDrivenAndIsDiscardedWithWhoAndWhy() throws Exception {
    String key = "o-garbage-" + UUID.randomUUID();
    KafkaTail.send(
        TestStack.get().kafkaBootstrapServers(),
        prefix + Topics.ORDER_EVENTS,
        key,
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
    String id =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jdbc.queryForList(
                        "select id from inbox_rejected where message_key = ?", Long.class, key),
                rows -> !rows.isEmpty())
            .get(0)
            .toString();

    JsonNode pending = listed(id, "pending");
    assertThat(pending.path("message").path("reason").asText()).contains("NoSuchEvent");
    assertThat(pending.path("message").path("headers").path("type").asText())
        .isEqualTo("NoSuchEvent");
    assertThat(pending.path("message").path("payload").asText()).isEqualTo("not json");
    assertThat(pending.path("message").path("origin").asText())
        .startsWith(prefix + Topics.ORDER_EVENTS + "/");

    JsonNode retried = act("redrive", id, "try again");
    assertThat(retried.path("outcome").asText()).isEqualTo("STILL_FAILING");
    assertThat(retried.path("detail").asText()).contains("still unreadable");
    assertThat(listed(id, "pending")).isNotNull();

    assertThat(act("discard", id, "a test producer's garbage").path("outcome").asText())
        .isEqualTo("DISCARDED");
    JsonNode discarded = listed(id, "discarded");
    assertThat(discarded.path("handledBy").asText()).startsWith("operator:");
    assertThat(discarded.path("note").asText()).isEqualTo("a test producer's garbage");
    assertThat(listed(id, "pending")).isNull();
  }

  @Test
  void aRecordAnEarlierVersionCouldNotReadIsReDrivenIntoTheSagaOnce() throws Exception {
    // As an earlier orchestrator left it: an OrderPlaced it did not know, kept aside.
    String orderId = UUID.randomUUID().toString();
    String messageId = UUID.randomUUID().toString();
    var placed = InboxToOutboxIT.limitSell(orderId);
    var codec = SagaTestSupport.codec();
    StringBuilder headers = new StringBuilder();
    new MessageMetadata(
            messageId,
            orderId,
            null,
            Instant.now(),
            codec.typeName(placed.getClass()),
            codec.revision(placed.getClass()),
            null)
        .toHeaders()
        .forEach((name, value) -> headers.append(name).append('=').append(value).append('\n'));
    headers.append(Topics.SEQUENCE_HEADER).append("=0\n");
    Long id =
        jdbc.queryForObject(
            """
        insert into inbox_rejected (topic, partition, "offset", message_key, headers, payload, reason)
        values (?, 0, ?, ?, ?, ?, 'UnknownMessageTypeException: OrderPlaced') returning id""",
            Long.class,
            prefix + Topics.ORDER_EVENTS,
            1_000_000L + (long) (Math.random() * 1_000_000),
            orderId,
            headers.toString(),
            codec.serialize(placed));

    assertThat(
            act("redrive", id.toString(), "reader deployed (ticket OPS-2)")
                .path("outcome")
                .asText())
        .isEqualTo("REDRIVEN");

    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where event_identifier = ?",
                Integer.class,
                messageId))
        .isOne();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from saga_status where order_id = ?",
                        Integer.class,
                        orderId)
                    == 1);
    assertThat(listed(id.toString(), "redriven").path("note").asText())
        .isEqualTo("reader deployed (ticket OPS-2)");
    assertThat(act("redrive", id.toString(), "again").path("outcome").asText())
        .isEqualTo("ALREADY_HANDLED");

    // A re-drive that died before it was recorded is done again: stored once all the same.
    rejected.redrive(rejected.find(id.toString()).orElseThrow());
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
}
