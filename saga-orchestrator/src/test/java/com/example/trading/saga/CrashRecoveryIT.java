package com.example.trading.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 the orchestrator while orders stream in, start it again on the same database, and check
 * that every order got its saga and its first command exactly once in the outbox, and at least once
 * on Kafka: the inbox neither lost nor doubled an event, and the outbox lost no command.
 */
class CrashRecoveryIT {

  static final int ORDERS = 150;
  static final MessageCodec CODEC = new MessageCodec();

  @Test
  void aKilledOrchestratorLosesAndDoublesNothing() throws Exception {
    TestStack stack = TestStack.get();
    String prefix = TestStack.uniqueName("crash") + ".";
    String database = stack.createDatabase("saga_crash");
    Map<String, String> environment = new HashMap<>();
    environment.put("SPRING_DATASOURCE_URL", stack.jdbcUrl(database));
    environment.put("SPRING_DATASOURCE_USERNAME", stack.postgresUser());
    environment.put("SPRING_DATASOURCE_PASSWORD", stack.postgresPassword());
    environment.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    environment.put("KAFKA_TOPIC_PREFIX", prefix);
    environment.put("SAGA_INBOX_GROUP_ID", prefix + "saga");
    environment.put("SAGA_INBOX_OFFSET_RESET", "earliest");
    environment.put("EXCHANGE_URL", "http://127.0.0.1:9");
    // No command side answers here: keep the reservation step from re-sending during the test.
    environment.put("SAGA_CONFIRMATION_TIMEOUT", "10m");

    List<String> orderIds = new ArrayList<>();
    try (ServiceProcess first =
            ServiceProcess.of(ServiceProcess.runnableJarOfThisModule(), environment).start();
        KafkaTail commands =
            KafkaTail.open(stack.kafkaBootstrapServers(), prefix + Topics.COMMANDS);
        KafkaProducer<String, byte[]> producer = producer(stack)) {
      Set<String> wanted = new HashSet<>();
      for (int i = 0; i < ORDERS; i++) {
        String orderId = UUID.randomUUID().toString();
        orderIds.add(orderId);
        wanted.add(orderId);
      }
      // A third in, processing under way; the second third streams in as the process is killed.
      orderIds.subList(0, ORDERS / 3).forEach(id -> producer.send(placed(prefix, id)));
      producer.flush();
      commands.await(
          r -> wanted.contains(KafkaTail.header(r, MessageMetadata.CORRELATION_ID)),
          5,
          Duration.ofSeconds(60));
      orderIds.subList(ORDERS / 3, 2 * ORDERS / 3).forEach(id -> producer.send(placed(prefix, id)));
      producer.flush();
      first.kill();
      orderIds.subList(2 * ORDERS / 3, ORDERS).forEach(id -> producer.send(placed(prefix, id)));
      producer.flush();

      try (ServiceProcess second =
          ServiceProcess.of(ServiceProcess.runnableJarOfThisModule(), environment).start()) {
        // Every order's command, counted by order: the relay publishes at least once, so a
        // command the killed process published but had not marked comes again, and a count of
        // records would be reached before every order's command is there.
        Set<String> relayed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!relayed.containsAll(orderIds) && System.nanoTime() < deadline) {
          commands
              .readFor(Duration.ofMillis(500), r -> true)
              .forEach(r -> relayed.add(KafkaTail.header(r, MessageMetadata.CORRELATION_ID)));
        }
        assertThat(relayed).containsAll(orderIds);

        try (Connection db =
            DriverManager.getConnection(
                stack.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword())) {
          assertThat(
                  count(
                      db,
                      "select count(*) from domain_event_entry where aggregate_identifier like 'order:%'"))
              .isEqualTo(ORDERS);
          assertThat(
                  count(
                      db,
                      "select count(*) from command_outbox where message_type = 'ReserveHolding'"))
              .isEqualTo(ORDERS);
          assertThat(count(db, "select count(distinct correlation_id) from command_outbox"))
              .isEqualTo(ORDERS);
          assertThat(count(db, "select count(*) from saga_status where step = 'RESERVING'"))
              .isEqualTo(ORDERS);
        }
      }
    }
  }

  static ProducerRecord<String, byte[]> placed(String prefix, String orderId) {
    OrderPlaced event =
        new OrderPlaced(
            orderId,
            "acc-crash",
            "c-" + orderId,
            Side.SELL,
            "AAPL",
            1,
            OrderType.LIMIT,
            new BigDecimal("100.00"),
            null,
            TimeInForce.DAY,
            null);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(prefix + Topics.ORDER_EVENTS, orderId, CODEC.serialize(event));
    new MessageMetadata(
            UUID.randomUUID().toString(), orderId, null, Instant.now(), "OrderPlaced", 1, null)
        .toHeaders()
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    record.headers().add(Topics.SEQUENCE_HEADER, "0".getBytes(StandardCharsets.UTF_8));
    return record;
  }

  static KafkaProducer<String, byte[]> producer(TestStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  static long count(Connection db, String sql) throws SQLException {
    try (var statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
