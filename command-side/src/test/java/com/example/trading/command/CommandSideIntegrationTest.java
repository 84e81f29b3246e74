package com.example.trading.command;

import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command side running for real on the test stack: its own fresh PostgreSQL database, the
 * shared Kafka, and a consumer group of its own that starts at the end of the command topic.
 * Every integration test class of the module extends it, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "trading.saga-commands.auto-offset-reset=latest")
public abstract class CommandSideIntegrationTest {

  protected static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  protected int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack stack = TestStack.get();
    stack.registerPostgres(registry, "command");
    stack.registerKafka(registry);
    registry.add("trading.saga-commands.group-id", () -> TestStack.uniqueName("command-side-it"));
  }

  protected static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  protected static String kafka() {
    return TestStack.get().kafkaBootstrapServers();
  }
}
