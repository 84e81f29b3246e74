package com.example.trading.e2e;

import com.example.trading.teststack.ServiceEnvironment;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole system started once per test JVM from the runnable jars, each its own process, on the
 * test stack: the exchange simulator, the command side, the saga orchestrator, the projections and
 * the query side, with fresh databases, and Kafka topics, consumer groups and view indices of their
 * own (a unique prefix), so the run shares nothing with a `make up` system or other runs.
 *
 * <p>Differences from the defaults, so that the tests can see every path in seconds: the venue ticks
 * every 2 s (a partially filled limit order waits a tick for its next part, long enough to cancel it),
 * the orchestrator gives limit orders a time in force of 20 s (they expire during the run), and an
 * order may wait 90 s to reach the venue (a venue outage long enough to open the circuit breaker
 * must not end it as a timeout).
 */
final class RunningSystem {

  private static RunningSystem instance;

  final ServiceProcess exchange;
  final ServiceProcess commandSide;
  final ServiceProcess saga;
  final ServiceProcess projections;
  final ServiceProcess querySide;
  final String prefix;
  final String commandJdbcUrl;

  private RunningSystem() {
    TestStack stack = TestStack.get();
    prefix = TestStack.uniqueName("e2e") + "-";

    Map<String, String> venue = new HashMap<>();
    try {
      venue.put("EXCHANGE_JOURNAL_DIR", Files.createTempDirectory("e2e-exchange").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    venue.put("EXCHANGE_TICK_INTERVAL", "2s");
    exchange = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../exchange-simulator")), venue);

    ServiceEnvironment command = ServiceEnvironment.commandSide(stack, prefix);
    commandJdbcUrl = command.jdbcUrl();
    commandSide = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../command-side")), command.asMap());
    projections = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../projections")),
        ServiceEnvironment.of(stack, prefix).with("TRADING_PROJECTIONS_GROUP_PREFIX", prefix + "projection")
            .with("EXCHANGE_URL", "http://127.0.0.1:" + exchange.port()).asMap());
    querySide = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../query-side")),
        ServiceEnvironment.of(stack, prefix).asMap());
    ServiceProcess.startAll(exchange, commandSide, projections, querySide);

    saga = ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../saga-orchestrator")),
        ServiceEnvironment.sagaOrchestrator(stack, prefix, exchange.port())
            .with("EXCHANGE_TIME_IN_FORCE", "20s")
            .with("SAGA_SUBMITTING_TIMEOUT", "90s").asMap()).start();

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      saga.close();
      querySide.close();
      projections.close();
      commandSide.close();
      exchange.close();
    }));
  }

  static synchronized RunningSystem get() {
    if (instance == null) {
      instance = new RunningSystem();
    }
    return instance;
  }

  URI commandApi() {
    return URI.create("http://127.0.0.1:" + commandSide.port());
  }

  URI venue() {
    return URI.create("http://127.0.0.1:" + exchange.port());
  }
}
