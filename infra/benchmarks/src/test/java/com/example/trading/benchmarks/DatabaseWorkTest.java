package com.example.trading.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.benchmarks.DatabaseWork.Counts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseWorkTest {

  @Test
  void perOrderIsEachDatabasesWorkBetweenTheSamplesOverTheOrders() {
    Map<String, Counts> before = new LinkedHashMap<>();
    before.put("command", new Counts(1_000, 5_000));
    before.put("saga", new Counts(2_000, 9_000));
    Map<String, Counts> after = new LinkedHashMap<>();
    after.put("command", new Counts(3_310, 10_740));
    after.put("saga", new Counts(5_500, 29_180));

    assertThat(DatabaseWork.perOrder(before, after, 100))
        .isEqualTo("command 23.1 tx 57.4 st  saga 35.0 tx 201.8 st");
  }

  @Test
  void aDatabaseThatDidNothingOrWasCreatedDuringTheRunIsLeftOut() {
    Map<String, Counts> before = Map.of("identity", new Counts(40, 90));
    Map<String, Counts> after = new LinkedHashMap<>();
    after.put("identity", new Counts(40, 90));
    after.put("it-created-meanwhile", new Counts(12, 30));

    assertThat(DatabaseWork.perOrder(before, after, 10)).isEmpty();
  }

  @Test
  void withoutStatementStatisticsOnlyTransactionsAreGiven() {
    Map<String, Counts> before = Map.of("command", new Counts(100, Counts.UNKNOWN));
    Map<String, Counts> after = Map.of("command", new Counts(350, Counts.UNKNOWN));

    assertThat(DatabaseWork.perOrder(before, after, 10)).isEqualTo("command 25.0 tx");
  }
}
