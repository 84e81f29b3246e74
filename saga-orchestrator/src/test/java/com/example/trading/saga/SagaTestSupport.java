package com.example.trading.saga;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestStack;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the orchestrator's integration tests share: a fresh database, topics of their own (a unique
 * topic prefix, so tests never see each other's records), and a way to publish contract events as
 * the command side's relay does.
 */
public final class SagaTestSupport {

  private static final MessageCodec CODEC = new MessageCodec();

  private SagaTestSupport() {}

  /** Registers the servers and isolation settings; returns the topic prefix. */
  public static String register(DynamicPropertyRegistry registry, String venueUrl) {
    String prefix = TestStack.uniqueName("saga") + ".";
    TestStack.get().registerPostgres(registry, "saga");
    TestStack.get().registerKafka(registry);
    TestStack.get().registerIssuer(registry);
    registry.add("trading.kafka.topic-prefix", () -> prefix);
    registry.add("trading.inbox.group-id", () -> TestStack.uniqueName("saga-inbox"));
    registry.add("trading.inbox.auto-offset-reset", () -> "earliest");
    registry.add("trading.market.venue-url", () -> venueUrl);
    return prefix;
  }

  /**
   * The settings of an orchestrator a test starts (and stops, restarts or doubles) itself: a fresh
   * database, a topic prefix and inbox group of its own, the venue, a free port; a test adds its
   * own. Start instances with {@link #start}; the same settings make further instances on that
   * database.
   */
  public static Map<String, Object> standalone(String venueUrl) {
    TestStack stack = TestStack.get();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", stack.jdbcUrl(stack.createDatabase("saga")));
    properties.put("spring.datasource.username", stack.postgresUser());
    properties.put("spring.datasource.password", stack.postgresPassword());
    properties.put("trading.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    properties.put("trading.kafka.topic-prefix", TestStack.uniqueName("saga") + ".");
    properties.put("trading.inbox.group-id", TestStack.uniqueName("saga-inbox"));
    properties.put("trading.market.venue-url", venueUrl);
    properties.put("server.port", "0");
    return properties;
  }

  /**
   * Starts an orchestrator with {@code properties} as command-line arguments (they win over
   * application.yaml's).
   */
  public static ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(SagaOrchestratorApplication.class)
        .run(
            properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  /** Publishes an event as the command side's relay does; returns its messageId. */
  public static String publish(String prefix, TradingEvent event, long aggregateSequence) {
    String messageId = UUID.randomUUID().toString();
    publish(prefix, event, aggregateSequence, messageId);
    return messageId;
  }

  public static void publish(
      String prefix, TradingEvent event, long aggregateSequence, String messageId) {
    publish(prefix, event, aggregateSequence, messageId, null);
  }

  /** Publishes an event as the relay does, in the trace of {@code traceparent} (may be null). */
  public static void publish(
      String prefix,
      TradingEvent event,
      long aggregateSequence,
      String messageId,
      String traceparent) {
    publish(prefix, event, aggregateSequence, messageId, traceparent, Instant.now());
  }

  /**
   * Publishes an event as the relay does, saying it happened at {@code occurredAt} (its envelope's
   * timestamp).
   */
  public static void publish(
      String prefix,
      TradingEvent event,
      long aggregateSequence,
      String messageId,
      String traceparent,
      Instant occurredAt) {
    Map<String, String> headers =
        new LinkedHashMap<>(
            new MessageMetadata(
                    messageId,
                    correlationOf(event),
                    null,
                    occurredAt,
                    CODEC.typeName(event.getClass()),
                    CODEC.revision(event.getClass()),
                    traceparent)
                .toHeaders());
    headers.put(Topics.SEQUENCE_HEADER, Long.toString(aggregateSequence));
    KafkaTail.send(
        TestStack.get().kafkaBootstrapServers(),
        prefix + Topics.eventTopicOf(event.getClass()),
        event.aggregateId(),
        CODEC.serialize(event),
        headers);
  }

  private static String correlationOf(TradingEvent event) {
    return switch (event) {
      case com.example.trading.schemas.OrderEvent order -> order.orderId();
      case com.example.trading.schemas.FeeEvent fee -> fee.orderId();
      default -> null;
    };
  }

  /** The saga step recorded for the order in {@code saga_status}, or null while it has none. */
  public static String stepOf(JdbcTemplate jdbc, String orderId) {
    return jdbc.query(
        "select step from saga_status where order_id = ?",
        rs -> rs.next() ? rs.getString(1) : null,
        orderId);
  }

  public static MessageCodec codec() {
    return CODEC;
  }
}
