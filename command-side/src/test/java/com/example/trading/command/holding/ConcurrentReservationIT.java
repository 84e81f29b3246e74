package com.example.trading.command.holding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ConcurrentReservationIT extends CommandSideIntegrationTest {

  @Autowired CommandGateway commands;
  @Autowired JdbcTemplate jdbc;
  @Autowired Cache aggregateCache;

  @Test
  void twentyConcurrentReservationsNeverReserveMoreThanIsAvailable() throws Exception {
    String account = "acc-" + UUID.randomUUID();
    String holding = Assets.holdingId(account, "AAPL");
    commands.sendAndWait(new DepositHolding(holding, account, "AAPL", new BigDecimal("100"), null));

    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      var reserve = new ReserveHolding(holding, account, "AAPL", "o-" + i, new BigDecimal("7"));
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return commands.sendAndWait(reserve);
              },
              pool));
    }
    start.countDown();
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();

    int reserved = count(holding, "%$HoldingReserved");
    int rejected = count(holding, "%$HoldingReservationRejected");
    assertThat(reserved).isEqualTo(14); // 14 × 7 = 98 ≤ 100 < 15 × 7
    assertThat(rejected).isEqualTo(6);
  }

  @Test
  void aHoldingWithALongHistoryIsSnapshottedAndRestoredFromItsSnapshot() {
    String account = "acc-" + UUID.randomUUID();
    String holding = Assets.holdingId(account, "USD");
    for (int i = 0; i < 105; i++) {
      commands.sendAndWait(
          new DepositHolding(holding, account, "USD", new BigDecimal("1.00"), null));
    }
    commands.sendAndWait(
        new ReserveHolding(holding, account, "USD", "o-before", new BigDecimal("5.00")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                        Integer.class,
                        holding)
                    > 0);

    aggregateCache.removeAll();
    commands.sendAndWait(
        new ReserveHolding(holding, account, "USD", "o-after", new BigDecimal("100.00")));
    commands.sendAndWait(
        new ReserveHolding(holding, account, "USD", "o-too-much", new BigDecimal("0.01")));

    assertThat(count(holding, "%$HoldingReserved")).isEqualTo(2);
    assertThat(count(holding, "%$HoldingReservationRejected")).isEqualTo(1);
  }

  private int count(String holding, String payloadType) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ? "
            + "and payload_type like ?",
        Integer.class,
        holding,
        payloadType);
  }
}
