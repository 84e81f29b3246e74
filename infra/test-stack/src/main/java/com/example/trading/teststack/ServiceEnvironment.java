package com.example.trading.teststack;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a service process gets in a test: the test stack's servers, a deployment prefix
 * of its own for topics, consumer groups and view indices, and (for the services with a store) a
 * fresh database. The named starting points hold what each service needs to run in the system; a
 * test adds its own settings with {@link #with}.
 */
public final class ServiceEnvironment {

  private final TestStack stack;
  private final String prefix;
  private final Map<String, String> values = new HashMap<>();
  private String jdbcUrl;

  private ServiceEnvironment(TestStack stack, String prefix) {
    this.stack = stack;
    this.prefix = prefix;
    values.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    values.put("KAFKA_TOPIC_PREFIX", prefix);
    values.put("ELASTICSEARCH_URL", stack.elasticsearchUrl());
    values.put("TRADING_VIEWS_INDEX_PREFIX", prefix);
    values.put("TRADING_ISSUER_URI", stack.issuer().uri());
    values.put("ZIPKIN_URL", stack.zipkinUrl());
  }

  /** The servers and the prefix only (the query side, the projections). */
  public static ServiceEnvironment of(TestStack stack, String prefix) {
    return new ServiceEnvironment(stack, prefix);
  }

  /**
   * The command side: a fresh event store, and saga commands read from the start of their topic.
   */
  public static ServiceEnvironment commandSide(TestStack stack, String prefix) {
    return of(stack, prefix)
        .database("command_e2e")
        .with("TRADING_SAGA_COMMANDS_GROUP_ID", prefix + "command-side")
        .with("SAGA_INBOX_GROUP_ID", prefix + "saga-orchestrator")
        .with("TRADING_SAGA_COMMANDS_AUTO_OFFSET_RESET", "earliest");
  }

  /** The saga orchestrator: a fresh saga database, the inbox read from the start, and the venue. */
  public static ServiceEnvironment sagaOrchestrator(
      TestStack stack, String prefix, int exchangePort) {
    return of(stack, prefix)
        .database("saga_e2e")
        .with("SAGA_INBOX_GROUP_ID", prefix + "saga-orchestrator")
        .with("SAGA_INBOX_OFFSET_RESET", "earliest")
        .with("EXCHANGE_URL", "http://127.0.0.1:" + exchangePort);
  }

  /** Points the service's datasource at a fresh database named after {@code purpose}. */
  public ServiceEnvironment database(String purpose) {
    jdbcUrl = stack.jdbcUrl(stack.createDatabase(purpose));
    return with("SPRING_DATASOURCE_URL", jdbcUrl)
        .with("SPRING_DATASOURCE_USERNAME", stack.postgresUser())
        .with("SPRING_DATASOURCE_PASSWORD", stack.postgresPassword());
  }

  public ServiceEnvironment with(String name, String value) {
    values.put(name, value);
    return this;
  }

  /** The JDBC URL of the service's database, or null when it has none. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String prefix() {
    return prefix;
  }

  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }
}
