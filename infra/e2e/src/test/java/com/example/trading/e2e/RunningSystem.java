package com.example.trading.e2e;

import com.example.trading.teststack.ContractProxy;
import com.example.trading.teststack.ServiceEnvironment;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole system started from the runnable jars, each its own process, on the test stack: the
 * exchange simulator and N instances each of the command side, the saga orchestrator, the
 * projections and the query side, with fresh databases, and Kafka topics, consumer groups and view
 * indices of their own (a unique prefix), so the run shares nothing with a `make up` system or
 * other runs. The instances of a service share its database, topics, groups and indices, as in
 * `make up INSTANCES=N`. {@link #get()} is the one-instance system shared by the tests of a JVM;
 * {@link #withInstances} starts one a test owns and closes.
 *
 * <p>Differences from the defaults, so that the tests can see every path in seconds: the venue
 * ticks every 2 s (a partially filled limit order waits a tick for its next part, long enough to
 * cancel it), the orchestrator gives limit orders a time in force of 35 s (they expire during the
 * run), and an order may wait 90 s to reach the venue (a venue outage long enough to open the
 * circuit breaker must not end it as a timeout), and a venue request claimed by an orchestrator
 * that died is taken up by another after 20 s (the lease; 60 s by default), longer than a call with
 * its retries. The time in force outlasts the lease with room to spare, as 24 h outlasts 60 s: a
 * submission sent again after its sender was killed reaches the venue within its day.
 *
 * <p>Each system is announced to the stack's Prometheus (file-based discovery, {@code
 * PROMETHEUS_TARGETS_DIR}) under its services' jobs while it runs.
 *
 * <p>The one-instance system's services sit behind {@link ContractProxy}s: every request the tests
 * send their {@code /api} and {@code /ops} through {@code TestHttp} (or the SDK, see {@code
 * SdkE2EIT}), and its answer, is checked against the published OpenAPI documents (the load runs of
 * {@code OrderRun} go straight to the services).
 */
final class RunningSystem implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningSystem shared;

  final ServiceProcess exchange;
  final List<ServiceProcess> commandSides = new ArrayList<>();
  final List<ServiceProcess> sagas = new ArrayList<>();
  final List<ServiceProcess> projectionsInstances = new ArrayList<>();
  final List<ServiceProcess> querySides = new ArrayList<>();

  /** The first instance of each service. */
  final ServiceProcess commandSide;

  final ServiceProcess saga;
  final ServiceProcess projections;
  final ServiceProcess querySide;
  final String prefix;
  final String commandJdbcUrl;
  final String sagaJdbcUrl;

  /**
   * Prism in front of the command and query APIs of the one-instance system: its traffic is
   * checked.
   */
  private final List<ContractProxy> contractProxies = new ArrayList<>();

  /** Keeps the operator token Prometheus scrapes this system with fresh. */
  private final ScheduledExecutorService tokenRenewal =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("prometheus-token").daemon().factory());

  private RunningSystem(int instances) {
    TestStack stack = TestStack.get();
    prefix = TestStack.uniqueName("e2e") + "-";

    Map<String, String> venue = new HashMap<>();
    try {
      venue.put("EXCHANGE_JOURNAL_DIR", Files.createTempDirectory("e2e-exchange").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    venue.put("EXCHANGE_TICK_INTERVAL", "2s");
    exchange =
        ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../exchange-simulator")), venue);

    ServiceEnvironment command =
        ServiceEnvironment.commandSide(stack, prefix)
            .with("EXCHANGE_URL", "http://127.0.0.1:" + exchange.port());
    commandJdbcUrl = command.jdbcUrl();
    Map<String, String> projection =
        ServiceEnvironment.of(stack, prefix)
            .with("TRADING_PROJECTIONS_GROUP_PREFIX", prefix + "projection")
            .with("EXCHANGE_URL", "http://127.0.0.1:" + exchange.port())
            .asMap();
    Map<String, String> query = ServiceEnvironment.of(stack, prefix).asMap();
    for (int k = 0; k < instances; k++) {
      commandSides.add(
          ServiceProcess.of(
              ServiceProcess.runnableJarIn(Path.of("../../command-side")), command.asMap()));
      projectionsInstances.add(
          ServiceProcess.of(
              ServiceProcess.runnableJarIn(Path.of("../../projections")), projection));
      querySides.add(
          ServiceProcess.of(ServiceProcess.runnableJarIn(Path.of("../../query-side")), query));
    }
    List<ServiceProcess> first = new ArrayList<>(List.of(exchange));
    first.addAll(commandSides);
    first.addAll(projectionsInstances);
    first.addAll(querySides);
    startOrStopAll(first);

    ServiceEnvironment orchestrator =
        ServiceEnvironment.sagaOrchestrator(stack, prefix, exchange.port())
            .with("EXCHANGE_TIME_IN_FORCE", "35s")
            .with("SAGA_SUBMITTING_TIMEOUT", "90s")
            .with("TRADING_MARKET_LEASE", "20s");
    sagaJdbcUrl = orchestrator.jdbcUrl();
    for (int k = 0; k < instances; k++) {
      sagas.add(
          ServiceProcess.of(
              ServiceProcess.runnableJarIn(Path.of("../../saga-orchestrator")),
              orchestrator.asMap()));
    }
    startOrStopAll(sagas);

    commandSide = commandSides.get(0);
    saga = sagas.get(0);
    projections = projectionsInstances.get(0);
    querySide = querySides.get(0);
    if (instances == 1) {
      contractProxies.add(
          ContractProxy.start(
              Path.of("../../command-side/openapi/command-api.json"), commandSide.port()));
      contractProxies.add(
          ContractProxy.start(
              Path.of("../../query-side/openapi/query-api.json"), querySide.port()));
      contractProxies.add(
          ContractProxy.start(
              Path.of("../../saga-orchestrator/openapi/saga-orchestrator-api.json"), saga.port()));
      contractProxies.add(
          ContractProxy.start(
              Path.of("../../projections/openapi/projections-api.json"), projections.port()));
    }
    announceToPrometheus();
  }

  /**
   * Where the stack's Prometheus discovers scrape targets ({@code PROMETHEUS_TARGETS_DIR} of {@code
   * infra/local/stack env}); absent when the stack's Prometheus is not ours to tell.
   */
  private Path prometheusTargets() {
    String dir = System.getenv("PROMETHEUS_TARGETS_DIR");
    return dir == null || dir.isBlank() ? null : Path.of(dir, prefix + "system.json");
  }

  /**
   * Tells the stack's Prometheus to scrape these processes, each under its service's job (as it
   * scrapes {@code make run}'s), so the console's charts show what the tests do.
   */
  private void announceToPrometheus() {
    Path targets = prometheusTargets();
    if (targets == null || !Files.isDirectory(targets.getParent())) {
      return;
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    Map<String, List<ServiceProcess>> jobs = new LinkedHashMap<>();
    jobs.put("command-side", commandSides);
    jobs.put("query-side", querySides);
    jobs.put("saga-orchestrator", sagas);
    jobs.put("projections", projectionsInstances);
    jobs.put("exchange-simulator", List.of(exchange));
    jobs.forEach(
        (job, processes) ->
            groups.add(
                Map.of(
                    "targets",
                    processes.stream().map(p -> "127.0.0.1:" + p.port()).toList(),
                    "labels",
                    Map.of("job", "trading-" + job, "system", prefix + "system"))));
    try {
      Path written = targets.resolveSibling(targets.getFileName() + ".tmp");
      JSON.writeValue(written.toFile(), groups);
      Files.move(written, targets, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot announce the system to Prometheus at " + targets, e);
    }
    // Prometheus scrapes with the operator token of the issuer these processes trust, renewed
    // before it expires (the issuer client caches it until a minute before).
    Path token = targets.resolveSibling("operator-token");
    tokenRenewal.scheduleWithFixedDelay(
        () -> {
          try {
            Path fresh = token.resolveSibling("operator-token.tmp");
            Files.writeString(fresh, TestStack.get().issuer().operatorToken());
            Files.move(fresh, token, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException | RuntimeException e) {
            // The next round tries again; until then the scrapes are refused.
          }
        },
        0,
        30,
        TimeUnit.SECONDS);
  }

  /**
   * Starts {@code services}; when one does not become ready, stops every process of the system
   * started so far, so none outlives the failed test.
   */
  private void startOrStopAll(List<ServiceProcess> services) {
    try {
      ServiceProcess.startAll(services.toArray(ServiceProcess[]::new));
    } catch (RuntimeException failure) {
      close();
      throw failure;
    }
  }

  /** The one-instance system shared by the tests of this JVM, stopped when the JVM exits. */
  static synchronized RunningSystem get() {
    if (shared == null) {
      shared = new RunningSystem(1);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A system of its own with {@code instances} of each service; the caller closes it. */
  static RunningSystem withInstances(int instances) {
    return new RunningSystem(instances);
  }

  /**
   * Opens the account for the customer as the operator, and waits until the query side knows its
   * owner (the account's position read through the views), so the customer can read it at once.
   */
  void openAccount(String accountId, String customerId) {
    TestHttp.Caller operator = TestHttp.asOperator();
    HttpResponse<String> opened =
        operator.postJson(
            commandSide.port(),
            "/api/accounts",
            "{\"accountId\":\"" + accountId + "\",\"customerId\":\"" + customerId + "\"}");
    if (opened.statusCode() != 201 && opened.statusCode() != 200) {
      throw new IllegalStateException(
          "opening " + accountId + " answered " + opened.statusCode() + ": " + opened.body());
    }
    String position = opened.body().replaceAll(".*\"position\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> known =
        operator.get(
            querySide.port(), "/api/accounts/" + accountId + "/orders?minPosition=" + position);
    if (known.statusCode() != 200) {
      throw new IllegalStateException(
          "the views did not learn of "
              + accountId
              + ": "
              + known.statusCode()
              + " "
              + known.body());
    }
  }

  /**
   * A customer's MARKET SELL of one AAPL from a new account funded with ten: placed through the
   * command API, and its document once the order is FILLED with its fee settled.
   */
  JsonNode aFilledMarketSell(String accountId, String customerId, String clientOrderId) {
    openFundedAccount(accountId, customerId);
    String orderId = placeMarketSell(accountId, customerId, clientOrderId);
    return Eventually.within(
        Duration.ofSeconds(60),
        () -> {
          JsonNode document =
              read(
                  TestHttp.asCustomer(customerId)
                      .get(querySide.port(), "/api/orders/" + orderId)
                      .body());
          return "FILLED".equals(document.path("status").asText())
                  && "SETTLED".equals(document.path("feeStatus").asText())
              ? document
              : null;
        });
  }

  /** Opens the account for the customer and funds it with ten AAPL. */
  void openFundedAccount(String accountId, String customerId) {
    openAccount(accountId, customerId);
    HttpResponse<String> funded =
        TestHttp.asOperator()
            .postJson(
                commandSide.port(),
                "/api/accounts/" + accountId + "/deposits",
                "{\"asset\":\"AAPL\",\"quantity\":\"10\"}",
                "Idempotency-Key",
                "fund-" + accountId);
    if (funded.statusCode() != 202) {
      throw new IllegalStateException(
          "funding answered " + funded.statusCode() + ": " + funded.body());
    }
  }

  /** The customer's MARKET SELL of one AAPL from the account; returns the order id. */
  String placeMarketSell(String accountId, String customerId, String clientOrderId) {
    HttpResponse<String> placed =
        TestHttp.asCustomer(customerId)
            .postJson(
                commandSide.port(),
                "/api/orders",
                "{\"accountId\":\""
                    + accountId
                    + "\",\"clientOrderId\":\""
                    + clientOrderId
                    + "\",\"side\":\"SELL\",\"instrument\":\"AAPL\","
                    + "\"quantity\":1,\"type\":\"MARKET\",\"maxFee\":\"5.00\"}");
    if (placed.statusCode() != 202) {
      throw new IllegalStateException(
          "placing answered " + placed.statusCode() + ": " + placed.body());
    }
    return read(placed.body()).path("orderId").asText();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI commandApi() {
    return URI.create("http://127.0.0.1:" + commandSide.port());
  }

  List<URI> commandApis() {
    return commandSides.stream()
        .map(service -> URI.create("http://127.0.0.1:" + service.port()))
        .toList();
  }

  URI venue() {
    return URI.create("http://127.0.0.1:" + exchange.port());
  }

  @Override
  public void close() {
    tokenRenewal.shutdownNow();
    Path targets = prometheusTargets();
    if (targets != null) {
      try {
        Files.deleteIfExists(targets);
      } catch (IOException e) {
        // Prometheus keeps trying the closed ports; the next stack start forgets them.
      }
    }
    contractProxies.forEach(ContractProxy::close);
    sagas.forEach(ServiceProcess::close);
    querySides.forEach(ServiceProcess::close);
    projectionsInstances.forEach(ServiceProcess::close);
    commandSides.forEach(ServiceProcess::close);
    exchange.close();
  }
}
