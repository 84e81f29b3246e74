package com.example.trading.command.holding;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.ServiceEnvironment;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two command side instances on one event store, each with its aggregate cache: a command that one
 * instance decides on its cached copy of a Holding that the other has changed since is refused by
 * the store (the sequence number is taken), and is then applied to the stored state, never dropped
 * and never applied to the stale copy.
 */
class StaleAggregateCacheIT {

  private static final String KEY = "Idempotency-Key";
  private final TestStack stack = TestStack.get();

  @Test
  void aCommandDecidedOnAStaleCachedAggregateIsAppliedToTheStoredState() throws Exception {
    // Both instances on one event store, topics and groups of their own.
    ServiceEnvironment environment =
        ServiceEnvironment.commandSide(stack, TestStack.uniqueName("stale") + ".");
    String account = "acc-stale-" + UUID.randomUUID().toString().substring(0, 8);
    String deposit = "/api/accounts/" + account + "/deposits";

    try (ServiceProcess first =
            ServiceProcess.of(ServiceProcess.runnableJarOfThisModule(), environment.asMap());
        ServiceProcess second =
            ServiceProcess.of(ServiceProcess.runnableJarOfThisModule(), environment.asMap())) {
      ServiceProcess.startAll(first, second);
      TestHttp.Caller operator = TestHttp.asOperator();
      assertThat(
              operator
                  .postJson(
                      first.port(),
                      "/api/accounts",
                      "{\"accountId\":\"" + account + "\",\"customerId\":\"cust-stale\"}")
                  .statusCode())
          .isEqualTo(201);
      // The first instance creates the holding and caches it; the second changes it behind its
      // back.
      assertThat(
              operator
                  .postJson(
                      first.port(), deposit, "{\"asset\":\"AAPL\",\"quantity\":\"10\"}", KEY, "k-1")
                  .statusCode())
          .isEqualTo(202);
      assertThat(
              operator
                  .postJson(
                      second.port(), deposit, "{\"asset\":\"AAPL\",\"quantity\":\"5\"}", KEY, "k-2")
                  .statusCode())
          .isEqualTo(202);
      // Decided on the first instance's cached copy (sequence 0), which is stale.
      assertThat(
              operator
                  .postJson(
                      first.port(), deposit, "{\"asset\":\"AAPL\",\"quantity\":\"1\"}", KEY, "k-3")
                  .statusCode())
          .isEqualTo(202);
    }

    assertThat(storedQuantities(environment.jdbcUrl(), account + "/AAPL"))
        .containsExactly("10", "5", "1");
  }

  /** The deposited quantities of the holding's stream, in sequence order. */
  private List<String> storedQuantities(String jdbcUrl, String holdingId) throws Exception {
    List<String> quantities = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl, stack.postgresUser(), stack.postgresPassword());
        PreparedStatement query =
            connection.prepareStatement(
                """
            select convert_from(payload, 'UTF8')::json ->> 'quantity' from domain_event_entry
            where aggregate_identifier = ? order by sequence_number""")) {
      query.setString(1, holdingId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          quantities.add(rows.getString(1));
        }
      }
    }
    return quantities;
  }
}
