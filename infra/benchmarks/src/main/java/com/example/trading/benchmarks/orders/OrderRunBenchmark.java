package com.example.trading.benchmarks.orders;

import com.example.trading.benchmarks.DatabaseWork;
import com.example.trading.benchmarks.ProcessCpu;
import com.example.trading.teststack.Issuer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code make bench-orders}: a run of orders through the running system ({@code make up}), then the
 * event-store audit of the run's accounts; prints orders/s end to end and placement-to-end latency,
 * and exits 1 when an invariant is violated or an order ended unexpectedly. When the system runs
 * here (the pid files of {@code make up}), also each process's CPU per order ({@link ProcessCpu})
 * and PostgreSQL's transactions and statements per order by database ({@link DatabaseWork}), both
 * up to the orders' ends: the audit reads the whole event store, which grows from run to run.
 *
 * <p>Settings by environment: {@code RUN_ORDERS} (1000), {@code RUN_ACCOUNTS} (50), {@code
 * RUN_CLIENTS} (8), {@code RUN_SEED} (42), {@code RUN_PARTIAL_FILLS} (true), {@code
 * RUN_WITH_EXPIRY} (false: needs the orchestrator started with a short {@code
 * EXCHANGE_TIME_IN_FORCE}), {@code RUN_FINISH_WITHIN_SECONDS} (300), {@code RUN_RATE} (0 = as fast
 * as the clients can; otherwise placements per second, paced), {@code RUN_WARMUP} (0; otherwise
 * that many orders of the same mix on accounts of their own first, audited, not measured: a JVM's
 * compilers take a few thousand orders to settle), {@code COMMAND_URL} (several, comma-separated,
 * for several command side instances: requests go round them; with {@code INSTANCES=N} the default
 * is every instance {@code make up} started), {@code EXCHANGE_URL}, {@code POSTGRES_HOST}/{@code
 * POSTGRES_PORT}/{@code POSTGRES_USER}/{@code POSTGRES_PASSWORD}, {@code TRADING_ISSUER_URI}/{@code
 * TRADING_OPERATOR_SECRET} (the issuer and the operator client's secret).
 */
public final class OrderRunBenchmark {

  public static void main(String[] args) throws Exception {
    OrderRun.Settings settings =
        OrderRun.Settings.builder()
            .orders(Integer.parseInt(env("RUN_ORDERS", "1000")))
            .accounts(Integer.parseInt(env("RUN_ACCOUNTS", "50")))
            .clients(Integer.parseInt(env("RUN_CLIENTS", "8")))
            .seed(Long.parseLong(env("RUN_SEED", "42")))
            .withExpiry(Boolean.parseBoolean(env("RUN_WITH_EXPIRY", "false")))
            .partialFills(Boolean.parseBoolean(env("RUN_PARTIAL_FILLS", "true")))
            .finishWithin(
                Duration.ofSeconds(Long.parseLong(env("RUN_FINISH_WITHIN_SECONDS", "300"))))
            .ratePerSecond(Double.parseDouble(env("RUN_RATE", "0")))
            .build();
    String server =
        "jdbc:postgresql://"
            + env("POSTGRES_HOST", "127.0.0.1")
            + ":"
            + env("POSTGRES_PORT", "15432");
    String jdbc = server + "/" + env("POSTGRES_COMMAND_DB", "command");
    int instances = Integer.parseInt(env("INSTANCES", "1"));
    String defaultUrls =
        java.util.stream.IntStream.range(0, instances)
            .mapToObj(k -> "http://127.0.0.1:" + (8081 + 100 * k))
            .collect(java.util.stream.Collectors.joining(","));
    OrderRun run =
        new OrderRun(
            java.util.Arrays.stream(env("COMMAND_URL", defaultUrls).split(","))
                .map(String::trim)
                .map(URI::create)
                .toList(),
            URI.create(env("EXCHANGE_URL", "http://127.0.0.1:8090")),
            jdbc,
            env("POSTGRES_USER", "trading"),
            env("POSTGRES_PASSWORD", "trading"),
            Issuer.fromEnvironment());
    System.out.printf("cores %d%n", Runtime.getRuntime().availableProcessors());
    int warmUp = Integer.parseInt(env("RUN_WARMUP", "0"));
    if (warmUp > 0) {
      // the same mix on accounts of its own, so the JVMs' compilers have settled before measuring
      OrderRunResult warm =
          run.run(
              OrderRun.Settings.builder()
                  .orders(warmUp)
                  .accounts(settings.accounts())
                  .clients(settings.clients())
                  .seed(settings.seed() + 1)
                  .partialFills(settings.partialFills())
                  .finishWithin(settings.finishWithin())
                  .build());
      System.out.printf(
          "warm-up: %d orders %s%n", warmUp, warm.passed() ? "passed" : "FAILED (not measured)");
      if (!warm.passed()) {
        System.out.print(warm.summary());
        System.exit(1);
      }
    }
    ProcessCpu cpu = ProcessCpu.ofLocalSystem();
    DatabaseWork database =
        new DatabaseWork(
            server + "/postgres",
            env("POSTGRES_USER", "trading"),
            env("POSTGRES_PASSWORD", "trading"));
    Map<String, Double> cpuBefore = cpu.sample();
    Map<String, DatabaseWork.Counts> databaseBefore = database.sample();
    AtomicReference<Map<String, Double>> cpuAfter = new AtomicReference<>();
    AtomicReference<Map<String, DatabaseWork.Counts>> databaseAfter = new AtomicReference<>();
    OrderRunResult result =
        run.run(
            settings,
            () -> {
              cpuAfter.set(cpu.sample());
              databaseAfter.set(database.sample());
            });
    String cpuPerOrder = ProcessCpu.perOrder(cpuBefore, cpuAfter.get(), settings.orders());
    String databasePerOrder =
        DatabaseWork.perOrder(databaseBefore, databaseAfter.get(), settings.orders());
    System.out.print(result.summary());
    if (!cpuPerOrder.isEmpty()) {
      System.out.println(
          "CPU per order, ms (/proc: set-up, orders, end polling; not the audit): " + cpuPerOrder);
    }
    if (!databasePerOrder.isEmpty()) {
      System.out.println(
          "PostgreSQL per order, transactions (tx) and statements (st) by database (not the audit): "
              + databasePerOrder);
    }
    System.out.println(result.passed() ? "RUN PASSED" : "RUN FAILED");
    System.exit(result.passed() ? 0 : 1);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
