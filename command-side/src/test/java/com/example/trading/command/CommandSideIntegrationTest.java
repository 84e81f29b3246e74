package com.example.trading.command;

import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command side running for real on the test stack: its own fresh PostgreSQL database, its own
 * Kafka topics (a unique prefix) and consumer group. Every integration test class of the module
 * extends it, so they share one application context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "trading.saga-commands.auto-offset-reset=latest")
public abstract class CommandSideIntegrationTest {

  protected static final ObjectMapper JSON = new ObjectMapper();

  /** The Kafka topics of this test context are its own. */
  protected static final String TOPIC_PREFIX = TestStack.uniqueName("it") + ".";

  /**
   * The consumer group whose lag admission control watches; nothing consumes as it, so it has no
   * backlog unless a test commits offsets for it (and deletes them again).
   */
  protected static final String WATCHED_SAGA_GROUP = TestStack.uniqueName("saga-inbox-it");

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack stack = TestStack.get();
    stack.registerPostgres(registry, "command");
    stack.registerKafka(registry);
    stack.registerIssuer(registry);
    registry.add("trading.saga-commands.group-id", () -> TestStack.uniqueName("command-side-it"));
    registry.add("trading.kafka.topic-prefix", () -> TOPIC_PREFIX);
    registry.add("trading.admission.saga-inbox-group", () -> WATCHED_SAGA_GROUP);
    registry.add("trading.admission.min-backlog-events", () -> "2");
    registry.add("trading.admission.max-backlog", () -> "1s");
    registry.add("trading.admission.refresh-interval", () -> "100ms");
    // Small enough that RateLimitIT reaches it; every other test uses fresh customers.
    registry.add("trading.rate-limit.customer.per-second", () -> "1");
    registry.add("trading.rate-limit.customer.burst", () -> "10");
  }

  /** Requests with an operator token of the test issuer. */
  protected static final TestHttp.Caller OPERATOR = TestHttp.asOperator();

  /** Opens the account for the customer, as an operator; answers the HTTP response. */
  protected HttpResponse<String> openAccount(String accountId, String customerId) {
    return OPERATOR.postJson(
        port,
        "/api/accounts",
        "{\"accountId\":\"" + accountId + "\",\"customerId\":\"" + customerId + "\"}");
  }

  protected static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The actual name of a contract topic in this test context. */
  protected static String topic(String contractTopic) {
    return TOPIC_PREFIX + contractTopic;
  }

  protected static String kafka() {
    return TestStack.get().kafkaBootstrapServers();
  }
}
