package com.example.trading.e2e;

import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The services of the system started once per test JVM from their runnable jars, each its own
 * process, on the test stack: a fresh command database, and Kafka topics, consumer groups and view
 * indices of their own (a unique prefix), so the run shares nothing with a `make up` system or other runs.
 */
final class RunningSystem {

  private static RunningSystem instance;

  final ServiceProcess commandSide;
  final ServiceProcess projections;
  final ServiceProcess querySide;

  private RunningSystem() {
    TestStack stack = TestStack.get();
    String prefix = TestStack.uniqueName("e2e") + "-";
    Map<String, String> common = new HashMap<>();
    common.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    common.put("ELASTICSEARCH_URL", stack.elasticsearchUrl());
    common.put("TRADING_VIEWS_INDEX_PREFIX", prefix);
    common.put("KAFKA_TOPIC_PREFIX", prefix);

    Map<String, String> command = new HashMap<>(common);
    command.put("SPRING_DATASOURCE_URL", stack.jdbcUrl(stack.createDatabase("command_e2e")));
    command.put("SPRING_DATASOURCE_USERNAME", stack.postgresUser());
    command.put("SPRING_DATASOURCE_PASSWORD", stack.postgresPassword());
    command.put("TRADING_SAGA_COMMANDS_GROUP_ID", prefix + "command-side");
    command.put("TRADING_SAGA_COMMANDS_AUTO_OFFSET_RESET", "latest");
    commandSide = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../command-side")), command);

    Map<String, String> projection = new HashMap<>(common);
    projection.put("TRADING_PROJECTIONS_GROUP_PREFIX", prefix + "projection");
    projections = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../projections")), projection);

    querySide = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../query-side")), common);

    ServiceProcess.startAll(commandSide, projections, querySide);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      querySide.close();
      projections.close();
      commandSide.close();
    }));
  }

  static synchronized RunningSystem get() {
    if (instance == null) {
      instance = new RunningSystem();
    }
    return instance;
  }
}
