package com.example.trading.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.benchmarks.DatabaseWork.Counts;
import com.example.trading.teststack.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DatabaseWork} against the real PostgreSQL of the test stack. */
class DatabaseWorkIT {

  private final TestStack stack = TestStack.get();

  @Test
  void aDatabasesTransactionsAndStatementsAreCountedBetweenTwoSamples() throws Exception {
    String database = stack.createDatabase("database_work");
    DatabaseWork work =
        new DatabaseWork(stack.jdbcUrl("postgres"), stack.postgresUser(), stack.postgresPassword());
    Map<String, Counts> before = work.sample();

    // closing the connection flushes its statistics (a backend sends them at most once a second)
    try (Connection connection =
            DriverManager.getConnection(
                stack.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("create table counted (id int)");
      for (int i = 0; i < 5; i++) {
        statement.execute("insert into counted values (" + i + ")");
      }
    }
    Map<String, Counts> after = awaitFlushed(work, database, before);

    Counts start = before.getOrDefault(database, new Counts(0, 0));
    Counts end = after.get(database);
    assertThat(end.transactions() - start.transactions()).isGreaterThanOrEqualTo(6);
    if (end.statements() != Counts.UNKNOWN) {
      assertThat(end.statements() - start.statements()).isGreaterThanOrEqualTo(6);
    }
    assertThat(DatabaseWork.perOrder(before, after, 1)).contains(database + " ");
  }

  @Test
  void aServerThatCannotBeReachedGivesNothing() {
    DatabaseWork work = new DatabaseWork("jdbc:postgresql://127.0.0.1:1/postgres", "x", "y");

    assertThat(work.sample()).isEmpty();
  }

  /** The backend's statistics reach the shared counters shortly after its exit. */
  private static Map<String, Counts> awaitFlushed(
      DatabaseWork work, String database, Map<String, Counts> before) throws InterruptedException {
    long expected = transactionsOf(before, database) + 6;
    Map<String, Counts> after = work.sample();
    for (int i = 0; i < 50 && transactionsOf(after, database) < expected; i++) {
      Thread.sleep(100);
      after = work.sample();
    }
    return after;
  }

  private static long transactionsOf(Map<String, Counts> sample, String database) {
    Counts counts = sample.get(database);
    return counts == null ? 0 : counts.transactions();
  }
}
