package com.example.trading.command.relay;

import static com.example.trading.teststack.KafkaTail.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.Topics;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kills the command side (SIGKILL) while orders are being placed, starts it again on the same
 * database, and checks that every stored event reached Kafka and that no aggregate's event was
 * published before the events that precede it (duplicates are allowed, by messageId).
 */
class RelayCrashIT {

  private final TestStack stack = TestStack.get();

  @Test
  void aKilledCommandSideLosesNoEventAndPublishesNoneOutOfOrder() throws Exception {
    String database = stack.createDatabase("command_crash");
    String topicPrefix = TestStack.uniqueName("crash") + ".";
    Map<String, String> environment =
        Map.of(
            "SPRING_DATASOURCE_URL", stack.jdbcUrl(database),
            "SPRING_DATASOURCE_USERNAME", stack.postgresUser(),
            "SPRING_DATASOURCE_PASSWORD", stack.postgresPassword(),
            "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
            "TRADING_SAGA_COMMANDS_GROUP_ID", TestStack.uniqueName("crash-it"),
            "TRADING_SAGA_COMMANDS_AUTO_OFFSET_RESET", "latest",
            "KAFKA_TOPIC_PREFIX", topicPrefix,
            "TRADING_ISSUER_URI", stack.issuer().uri());
    TestHttp.Caller operator = TestHttp.asOperator();
    String account = "acc-crash-" + UUID.randomUUID().toString().substring(0, 8);

    try (ServiceProcess service =
            ServiceProcess.of(ServiceProcess.runnableJarOfThisModule(), environment).start();
        KafkaTail orders =
            KafkaTail.open(stack.kafkaBootstrapServers(), topicPrefix + Topics.ORDER_EVENTS)) {
      operator.postJson(
          service.port(),
          "/api/accounts",
          "{\"accountId\":\"" + account + "\",\"customerId\":\"cust-crash\"}");
      AtomicInteger placed = new AtomicInteger();
      Thread load =
          new Thread(
              () -> {
                for (int i = 0; i < 400; i++) {
                  try {
                    operator.postJson(
                        service.port(),
                        "/api/orders",
                        """
                {"accountId":"%s","clientOrderId":"c-%d","side":"BUY","instrument":"MSFT","quantity":1,"type":"MARKET"}"""
                            .formatted(account, i));
                    placed.incrementAndGet();
                  } catch (IllegalStateException killed) {
                    return;
                  }
                }
              });
      load.start();
      while (placed.get() < 60) {
        Thread.sleep(10);
      }
      service.kill();
      load.join();

      service.start();
      List<Map<String, Object>> stored = storedEvents(database);
      assertThat(stored).hasSizeGreaterThanOrEqualTo(60);

      Set<String> storedIds = new HashSet<>();
      stored.forEach(e -> storedIds.add((String) e.get("id")));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      List<ConsumerRecord<String, byte[]>> all;
      do {
        all =
            orders.readFor(Duration.ofMillis(500), r -> storedIds.contains(header(r, "messageId")));
      } while (all.stream().map(r -> header(r, "messageId")).distinct().count() < storedIds.size()
          && System.nanoTime() < deadline);

      Map<String, List<Long>> firstSeenSequences = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      for (ConsumerRecord<String, byte[]> record : all) {
        if (seen.add(header(record, "messageId"))) {
          firstSeenSequences
              .computeIfAbsent(record.key(), k -> new ArrayList<>())
              .add(Long.parseLong(header(record, Topics.SEQUENCE_HEADER)));
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(storedIds);
      firstSeenSequences.forEach(
          (aggregate, sequences) ->
              assertThat(sequences).as("first publication order of " + aggregate).isSorted());
    }
  }

  private List<Map<String, Object>> storedEvents(String database) throws Exception {
    List<Map<String, Object>> events = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                stack.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword());
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select event_identifier, aggregate_identifier, sequence_number from domain_event_entry "
                        // the orders' events; the account's opening goes to the accounts' topic
                        + "where aggregate_identifier not like '%/account' order by global_index")) {
      while (rows.next()) {
        events.add(
            Map.of(
                "id",
                rows.getString(1),
                "aggregate",
                rows.getString(2),
                "sequence",
                rows.getLong(3)));
      }
    }
    return events;
  }
}
