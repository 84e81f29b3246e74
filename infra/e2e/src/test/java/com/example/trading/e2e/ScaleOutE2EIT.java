package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.benchmarks.orders.OrderRun;
import com.example.trading.benchmarks.orders.OrderRunResult;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service share the work, and the survivors finish it when one instance of
 * the command side and one of the orchestrator are killed with {@code kill -9} mid-run: the audited
 * 1,000-order run ends every order exactly once (the audit: one end per order, every invariant of
 * DOMAIN.md), with the customers' requests going round both command sides (a retry goes to the
 * other one).
 */
class ScaleOutE2EIT {

  @Test
  void aThousandOrdersOnTwoInstancesOfEachServiceSurviveKillingACommandSideAndAnOrchestrator()
      throws Exception {
    TestStack stack = TestStack.get();
    try (RunningSystem system = RunningSystem.withInstances(2)) {
      OrderRun run =
          new OrderRun(
              system.commandApis(),
              system.venue(),
              system.commandJdbcUrl,
              stack.postgresUser(),
              stack.postgresPassword(),
              stack.issuer());
      AtomicReference<Throwable> killer = new AtomicReference<>();
      Thread kill =
          new Thread(
              () -> {
                try {
                  Eventually.within(
                      Duration.ofSeconds(180), () -> run.placedSoFar() >= 300 ? true : null);
                  bothInstancesAreWorking(system, stack);
                  system.commandSides.get(1).kill();
                  system.sagas.get(1).kill();
                } catch (Throwable e) {
                  killer.set(e);
                }
              });
      kill.start();
      OrderRunResult result =
          run.run(
              OrderRun.Settings.builder()
                  .orders(1_000)
                  .accounts(50)
                  .clients(8)
                  .seed(20261201L)
                  .withExpiry(true)
                  .partialFills(true)
                  .finishWithin(Duration.ofMinutes(6))
                  .build());
      kill.join();
      System.out.println(result.summary());

      assertThat(killer.get()).as("both instances at work before the kill, and the kill").isNull();
      // A venue request the killed orchestrator had claimed is taken up again only when its lease
      // runs out; a MARKET order's pricing or submitting deadline (30 s) may pass first. Such an
      // order ends MARKET_TIMEOUT with everything given back, as after any crash.
      assertThat(result.passed(Set.of("REJECTED MARKET_TIMEOUT")))
          .as(
              () ->
                  result.summary() + UnfinishedOrderReport.of(system, result.unfinishedOrderIds()))
          .isTrue();
      assertThat(result.audit().endings().getOrDefault("REJECTED MARKET_TIMEOUT", 0L))
          .as(result.summary())
          .isLessThanOrEqualTo(16);
      assertThat(result.endsByKind())
          .as("every kind of order ran")
          .hasSize(com.example.trading.benchmarks.orders.OrderKind.values().length);
    }
  }

  /** Each command side has answered placements, and each orchestrator holds saga segments. */
  private static void bothInstancesAreWorking(RunningSystem system, TestStack stack)
      throws Exception {
    for (ServiceProcess commandSide : system.commandSides) {
      assertThat(
              get(commandSide.port(), "/actuator/prometheus")
                  .body()
                  .lines()
                  .filter(
                      line ->
                          line.startsWith("http_server_requests_seconds_count{")
                              && line.contains("uri=\"/api/orders\""))
                  .mapToDouble(
                      line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                  .sum())
          .as("placements answered by the command side on port %d", commandSide.port())
          .isPositive();
    }
    try (Connection saga =
            DriverManager.getConnection(
                system.sagaJdbcUrl, stack.postgresUser(), stack.postgresPassword());
        ResultSet owners =
            saga.createStatement()
                .executeQuery(
                    "select count(distinct owner) from token_entry where processor_name = 'OrderSagaProcessor'")) {
      owners.next();
      assertThat(owners.getInt(1)).as("orchestrator instances holding saga segments").isEqualTo(2);
    }
  }

  /**
   * Requests of the back office: an operator token of the test issuer, and a fresh {@code
   * Idempotency-Key} (deposits need one; other requests ignore it).
   */
  private static HttpResponse<String> get(int port, String path) {
    return com.example.trading.teststack.TestHttp.asOperator().get(port, path);
  }

  private static HttpResponse<String> postJson(int port, String path, String json) {
    return com.example.trading.teststack.TestHttp.asOperator()
        .postJson(port, path, json, "Idempotency-Key", java.util.UUID.randomUUID().toString());
  }
}
