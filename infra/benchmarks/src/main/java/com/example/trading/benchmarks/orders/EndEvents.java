package com.example.trading.benchmarks.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run looks up in the command side's event store while it runs: which orders have an event
 * of some types yet. One connection for the whole run, shared by the run's threads one query at a
 * time, so that the benchmark's own polling stays small next to the load it measures (a connection
 * per question cost PostgreSQL a process start each time).
 */
final class EndEvents implements AutoCloseable {

  private final Connection connection;

  EndEvents(String jdbcUrl, String user, String password) throws SQLException {
    connection = DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** Whether the order's stream holds an event of one of {@code payloadTypes}. */
  synchronized boolean has(String orderId, List<String> payloadTypes) throws SQLException {
    return !having(List.of(orderId), payloadTypes).isEmpty();
  }

  /** Those of {@code orderIds} whose streams hold an event of one of {@code payloadTypes}. */
  synchronized Set<String> having(Collection<String> orderIds, List<String> payloadTypes)
      throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement(
            "select distinct aggregate_identifier from domain_event_entry"
                + " where aggregate_identifier = any(?) and payload_type = any(?)")) {
      find.setArray(1, connection.createArrayOf("varchar", orderIds.toArray()));
      find.setArray(2, connection.createArrayOf("varchar", payloadTypes.toArray()));
      Set<String> found = new HashSet<>();
      try (ResultSet result = find.executeQuery()) {
        while (result.next()) {
          found.add(result.getString(1));
        }
      }
      return found;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
