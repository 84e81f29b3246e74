package com.example.trading.command.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.KafkaTail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * New orders are pushed back at the edge while the saga orchestrator's inbox group has more work
 * queued than the bound (here: 1 s of its rate, more than 2 events): 503, Retry-After, a problem
 * document saying why, and nothing stored. The backlog is made real in Kafka: the watched group's
 * committed offsets are set behind records on the order-events topic that nothing consumes.
 */
class AdmissionIT extends CommandSideIntegrationTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void aPlacementIsRefusedWithRetryAfterWhileTheOrchestratorIsBehindAndAcceptedOnceItCaughtUp()
      throws Exception {
    String topic = topic(Topics.ORDER_EVENTS);
    for (int i = 0; i < 5; i++) {
      KafkaTail.send(kafka(), topic, "backlog-" + i, "{}".getBytes(), Map.of());
    }
    openAccount("acc-admission", "cust-admission");
    String clientOrderId = "c-" + UUID.randomUUID();
    String placement =
        """
        {"accountId":"acc-admission","clientOrderId":"%s","side":"SELL","instrument":"AAPL","quantity":1,
         "type":"MARKET","maxFee":"5.00"}"""
            .formatted(clientOrderId);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
      try {
        commitAt(admin, topic, false);
        // Probe with placements of their own until admission has seen the backlog (a probe sent
        // before that is admitted and stored), then send the placement under test.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    OPERATOR
                            .postJson(
                                port,
                                "/api/orders",
                                placement.replace(clientOrderId, "probe-" + UUID.randomUUID()))
                            .statusCode()
                        == 503);

        HttpResponse<String> refused = OPERATOR.postJson(port, "/api/orders", placement);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 30L);
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(json(refused).path("type").asText()).endsWith("/problems/backlog");
        assertThat(json(refused).path("detail").asText()).contains("wait", "nothing was stored");
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from domain_event_entry where payload_type like '%OrderPlaced'"
                        + " and convert_from(payload, 'UTF8') like ?",
                    Integer.class, "%" + clientOrderId + "%"))
            .isZero();

        commitAt(admin, topic, true);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> OPERATOR.postJson(port, "/api/orders", placement).statusCode() / 100 == 2);
      } finally {
        admin.deleteConsumerGroups(Set.of(WATCHED_SAGA_GROUP)).all().get();
      }
    }
  }

  /**
   * Commits the watched group's offsets on every partition of {@code topic}: at the start or at the
   * end.
   */
  private static void commitAt(Admin admin, String topic, boolean end) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    admin
        .describeTopics(Set.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .forEach(
            info ->
                partitions.put(
                    new TopicPartition(topic, info.partition()),
                    end ? OffsetSpec.latest() : OffsetSpec.earliest()));
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    admin
        .listOffsets(partitions)
        .all()
        .get()
        .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
    admin.alterConsumerGroupOffsets(WATCHED_SAGA_GROUP, offsets).all().get();
  }
}
