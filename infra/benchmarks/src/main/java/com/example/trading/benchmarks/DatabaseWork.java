package com.example.trading.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL did for each database: transactions ({@code pg_stat_database}) and statements
 * ({@code pg_stat_statements}, which the local stack loads; without it, transactions only). A
 * {@link #sample} before and after a run gives each database's work over the run, the number an
 * order's path through two event stores is judged by (fewer statements per order, not faster ones).
 * Read as the application role from the maintenance database {@code postgres}, where the stack
 * keeps the statistics' view (and which is left out: the sampling's own work); empty when the
 * server cannot be reached.
 */
public final class DatabaseWork {

  /** Counts of one database since the server's statistics were last reset. */
  public record Counts(long transactions, long statements) {

    /** A statement count the server does not keep (no {@code pg_stat_statements}). */
    public static final long UNKNOWN = -1;
  }

  private static final String WITH_STATEMENTS =
      """
      select d.datname, d.xact_commit + d.xact_rollback,
             coalesce((select sum(s.calls) from pg_stat_statements s where s.dbid = d.datid), 0)
      from pg_stat_database d where d.datname not in ('postgres', 'template0', 'template1')""";

  private static final String TRANSACTIONS_ONLY =
      """
      select d.datname, d.xact_commit + d.xact_rollback, -1
      from pg_stat_database d where d.datname not in ('postgres', 'template0', 'template1')""";

  private final String jdbcUrl;
  private final String user;
  private final String password;

  /**
   * @param jdbcUrl a database of the server ({@code jdbc:postgresql://host:port/postgres})
   */
  public DatabaseWork(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Each database's counts so far; empty when the server cannot be asked. */
  public Map<String, Counts> sample() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      try {
        return read(connection, WITH_STATEMENTS);
      } catch (SQLException noStatementStatistics) {
        return read(connection, TRANSACTIONS_ONLY);
      }
    } catch (SQLException unreachable) {
      return Map.of();
    }
  }

  /**
   * Per order, each database that worked during the run: {@code command 23.1 tx 57.4 st}. Empty
   * when nothing was sampled.
   */
  public static String perOrder(Map<String, Counts> before, Map<String, Counts> after, int orders) {
    StringBuilder line = new StringBuilder();
    for (var entry : after.entrySet()) {
      Counts start = before.get(entry.getKey());
      Counts end = entry.getValue();
      if (start == null || end.transactions() == start.transactions()) {
        continue;
      }
      line.append(
          String.format(
              "  %s %.1f tx",
              entry.getKey(), (end.transactions() - start.transactions()) / (double) orders));
      if (end.statements() != Counts.UNKNOWN && start.statements() != Counts.UNKNOWN) {
        line.append(
            String.format(" %.1f st", (end.statements() - start.statements()) / (double) orders));
      }
    }
    return line.toString().trim();
  }

  private static Map<String, Counts> read(Connection connection, String query) throws SQLException {
    Map<String, Counts> counts = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        counts.put(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3)));
      }
    }
    return counts;
  }
}
