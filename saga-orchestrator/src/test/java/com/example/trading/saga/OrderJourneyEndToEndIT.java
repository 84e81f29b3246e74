package com.example.trading.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.audit.AuditReport;
import com.example.trading.audit.EventStoreAudit;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.schemas.fee.FeeSchedule;
import com.example.trading.schemas.order.OrderRejectReason;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.ServiceEnvironment;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole order journey across processes: the command side, this orchestrator and the exchange
 * simulator, each started from its runnable jar on the test stack (own databases, own topics). An
 * order placed through {@code POST /api/orders} is observed through the command side's events on
 * Kafka until it is finished, and the holdings and fee are checked against the fills to the cent.
 * (The whole system under load and with processes killed is {@code infra/e2e}'s
 * OrderLifecycleE2EIT.)
 */
class OrderJourneyEndToEndIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final MessageCodec CODEC = new MessageCodec();
  static ServiceProcess exchange;
  static ServiceProcess commandSide;
  static ServiceProcess saga;
  static String prefix;
  static String commandJdbcUrl;

  /** Each test's own account; its event store is audited after the test. */
  final String account = TestStack.uniqueName("acc");

  @BeforeAll
  static void startTheSystem() throws IOException {
    TestStack stack = TestStack.get();
    prefix = TestStack.uniqueName("e2e-saga") + ".";
    exchange =
        ServiceProcess.of(
            ServiceProcess.runnableJarIn(Path.of("../infra/exchange-simulator")),
            Map.of(
                "EXCHANGE_JOURNAL_DIR", Files.createTempDirectory("exchange-journal").toString()));
    // E2E_COMMAND_SIDE_JAR runs another build of the command side (e.g. one with a fix not merged
    // yet).
    String commandJar = System.getenv("E2E_COMMAND_SIDE_JAR");
    ServiceEnvironment command = ServiceEnvironment.commandSide(stack, prefix);
    commandJdbcUrl = command.jdbcUrl();
    commandSide =
        ServiceProcess.of(
            commandJar != null && !commandJar.isBlank()
                ? Path.of(commandJar)
                : ServiceProcess.runnableJarIn(Path.of("../command-side")),
            command.asMap());
    ServiceProcess.startAll(exchange, commandSide);

    saga =
        ServiceProcess.of(
                ServiceProcess.runnableJarOfThisModule(),
                ServiceEnvironment.sagaOrchestrator(stack, prefix, exchange.port())
                    // Short enough for the timeout journey; the venue normally answers in
                    // milliseconds.
                    .with("EXCHANGE_REQUEST_TIMEOUT", "1s")
                    .with("SAGA_SUBMITTING_TIMEOUT", "4s")
                    .asMap())
            .start();
  }

  /**
   * Every invariant of DOMAIN.md holds on the command side's event store for the test's account.
   */
  @AfterEach
  void theEventStoreKeepsEveryInvariant() throws Exception {
    TestStack stack = TestStack.get();
    try (Connection connection =
        DriverManager.getConnection(
            commandJdbcUrl, stack.postgresUser(), stack.postgresPassword())) {
      AuditReport report = EventStoreAudit.of(connection, Set.of(account));
      assertThat(report.holds()).as(report.toString()).isTrue();
    }
  }

  @AfterAll
  static void stopTheSystem() {
    for (ServiceProcess process : new ServiceProcess[] {saga, commandSide, exchange}) {
      if (process != null) {
        process.close();
      }
    }
  }

  /** Everything the command side recorded about one order, read from its three event topics. */
  record Journey(
      String orderId,
      List<Object> orderEvents,
      List<Object> holdingEvents,
      List<Object> feeEvents) {

    <T> List<T> of(Class<T> type) {
      List<T> found = new ArrayList<>();
      for (List<Object> events : List.of(orderEvents, holdingEvents, feeEvents)) {
        events.stream().filter(type::isInstance).map(type::cast).forEach(found::add);
      }
      return found;
    }

    <T> T one(Class<T> type) {
      List<T> found = of(type);
      assertThat(found).as(type.getSimpleName()).hasSize(1);
      return found.get(0);
    }
  }

  /**
   * Runs {@code action} (which returns the order id) and collects the order's events until {@code
   * end}.
   */
  Journey follow(Class<? extends OrderEvent> end, Supplier<String> action) {
    String servers = TestStack.get().kafkaBootstrapServers();
    try (KafkaTail orders = KafkaTail.open(servers, prefix + Topics.ORDER_EVENTS);
        KafkaTail holdings = KafkaTail.open(servers, prefix + Topics.HOLDING_EVENTS);
        KafkaTail fees = KafkaTail.open(servers, prefix + Topics.FEE_EVENTS)) {
      String orderId = action.get();
      String endType = CODEC.typeName(end);
      orders.await(
          r -> orderId.equals(r.key()) && endType.equals(KafkaTail.header(r, MessageMetadata.TYPE)),
          1,
          Duration.ofSeconds(90));
      Duration settle = Duration.ofSeconds(2);
      return new Journey(
          orderId,
          decode(orders.readFor(settle, r -> orderId.equals(r.key()))),
          decode(holdings.readFor(settle, r -> true)).stream()
              .filter(e -> orderId.equals(orderIdOfHoldingEvent(e)))
              .toList(),
          decode(fees.readFor(settle, r -> orderId.equals(r.key()))));
    }
  }

  static List<Object> decode(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .map(
            r ->
                CODEC.deserialize(
                    KafkaTail.header(r, MessageMetadata.TYPE),
                    Integer.parseInt(KafkaTail.header(r, MessageMetadata.REVISION)),
                    r.value()))
        .toList();
  }

  static String orderIdOfHoldingEvent(Object event) {
    return switch (event) {
      case com.example.trading.schemas.HoldingEvent.HoldingDeposited deposited -> null;
      case HoldingReserved e -> e.orderId();
      case HoldingDebited e -> e.orderId();
      case HoldingCredited e -> e.orderId();
      case HoldingReservationReleased e -> e.orderId();
      case com.example.trading.schemas.HoldingEvent.HoldingReservationRejected e -> e.orderId();
      default -> null;
    };
  }

  static void deposit(String accountId, String asset, String quantity) {
    HttpResponse<String> opened =
        TestHttp.asOperator()
            .postJson(
                commandSide.port(),
                "/api/accounts",
                "{\"accountId\":\"" + accountId + "\",\"customerId\":\"cust-journeys\"}");
    assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201);
    HttpResponse<String> response =
        TestHttp.asOperator()
            .postJson(
                commandSide.port(),
                "/api/accounts/" + accountId + "/deposits",
                "{\"asset\":\"" + asset + "\",\"quantity\":\"" + quantity + "\"}",
                "Idempotency-Key",
                TestStack.uniqueName("d"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  static String place(
      String accountId, String side, String type, long quantity, String limitPrice) {
    String body =
        "{\"accountId\":\""
            + accountId
            + "\",\"clientOrderId\":\""
            + TestStack.uniqueName("c")
            + "\",\"side\":\""
            + side
            + "\",\"instrument\":\"AAPL\",\"quantity\":"
            + quantity
            + ",\"type\":\""
            + type
            + "\",\"limitPrice\":"
            + (limitPrice == null ? "null" : "\"" + limitPrice + "\"")
            + ",\"maxFee\":\"25.00\"}";
    HttpResponse<String> response =
        TestHttp.asOperator().postJson(commandSide.port(), "/api/orders", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    try {
      return JSON.readTree(response.body()).path("orderId").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigDecimal sum(List<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void aMarketSellIsFilledAndTheProceedsLessTheFeeAreCredited() {
    deposit(account, "AAPL", "100");

    Journey sell = follow(OrderCompleted.class, () -> place(account, "SELL", "MARKET", 10, null));

    List<OrderFilled> fills = sell.of(OrderFilled.class);
    assertThat(fills.stream().mapToLong(OrderFilled::quantity).sum()).isEqualTo(10);
    BigDecimal proceeds =
        sum(
            fills.stream()
                .map(f -> Assets.cents(f.price().multiply(BigDecimal.valueOf(f.quantity()))))
                .toList());
    // The fee is due on what traded (never more than the hold); the rest of the hold comes back.
    BigDecimal held = sell.one(FeeCharged.class).amount();
    BigDecimal fee = FeeSchedule.STANDARD_V1.feeFor(proceeds).min(held);
    FeeSettled settled = sell.one(FeeSettled.class);
    assertThat(settled.amount()).isEqualByComparingTo(fee);
    assertThat(settled.executedNotional()).isEqualByComparingTo(proceeds);
    assertThat(settled.amount().add(settled.refunded())).isEqualByComparingTo(held);
    assertThat(sell.of(FeeRefunded.class)).isEmpty();
    assertThat(sell.one(HoldingReserved.class).quantity()).isEqualByComparingTo("10");
    assertThat(sum(sell.of(HoldingDebited.class).stream().map(HoldingDebited::quantity).toList()))
        .isEqualByComparingTo("10");
    assertThat(sum(sell.of(HoldingCredited.class).stream().map(HoldingCredited::quantity).toList()))
        .isEqualByComparingTo(proceeds.subtract(fee));
    assertThat(sell.one(HoldingReservationReleased.class).quantity()).isEqualByComparingTo("0");
    assertThat(sell.one(OrderCompleted.class).filledQuantity()).isEqualTo(10);
  }

  @Test
  void aMarketBuyIsFilledWithinItsReservationAndTheRestIsReleased() {
    deposit(account, "USD", "10000.00");

    Journey buy = follow(OrderCompleted.class, () -> place(account, "BUY", "MARKET", 5, null));

    List<OrderFilled> fills = buy.of(OrderFilled.class);
    assertThat(fills.stream().mapToLong(OrderFilled::quantity).sum()).isEqualTo(5);
    BigDecimal cost =
        sum(
            fills.stream()
                .map(
                    f ->
                        f.price()
                            .multiply(BigDecimal.valueOf(f.quantity()))
                            .setScale(2, java.math.RoundingMode.HALF_EVEN))
                .toList());
    BigDecimal held = buy.one(FeeCharged.class).amount();
    BigDecimal fee = FeeSchedule.STANDARD_V1.feeFor(cost).min(held);
    BigDecimal reserved = buy.one(HoldingReserved.class).quantity();
    BigDecimal debited =
        sum(buy.of(HoldingDebited.class).stream().map(HoldingDebited::quantity).toList());
    assertThat(debited).isEqualByComparingTo(cost.add(fee));
    assertThat(buy.one(HoldingReservationReleased.class).quantity())
        .isEqualByComparingTo(reserved.subtract(debited));
    assertThat(sum(buy.of(HoldingCredited.class).stream().map(HoldingCredited::quantity).toList()))
        .isEqualByComparingTo("5");
    // The cash was reserved at 5% above the reference price, with the fee that notional costs.
    BigDecimal reservePrice = reserved.subtract(held).divide(BigDecimal.valueOf(5));
    assertThat(held)
        .isEqualByComparingTo(
            FeeSchedule.STANDARD_V1.feeFor(reservePrice.multiply(BigDecimal.valueOf(5))));
    assertThat(fills).allSatisfy(f -> assertThat(f.price()).isLessThanOrEqualTo(reservePrice));
    // The fee is due on what traded: what the protection held beyond it is released with the cash.
    FeeSettled settled = buy.one(FeeSettled.class);
    assertThat(settled.amount()).isEqualByComparingTo(fee);
    assertThat(settled.executedNotional()).isEqualByComparingTo(cost);
    assertThat(settled.refunded()).isEqualByComparingTo(held.subtract(fee));
  }

  @Test
  void aRestingLimitOrderCancelledByTheCustomerGivesEverythingBack() {
    deposit(account, "USD", "1000.00");

    Journey cancelled =
        follow(
            OrderCancelled.class,
            () -> {
              String orderId = place(account, "BUY", "LIMIT", 3, "1.00");
              waitForStep(orderId, "ON_MARKET");
              HttpResponse<String> response =
                  TestHttp.asOperator()
                      .postJson(commandSide.port(), "/api/orders/" + orderId + "/cancel", "");
              assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
              return orderId;
            });

    BigDecimal reserved = cancelled.one(HoldingReserved.class).quantity();
    assertThat(reserved).isEqualByComparingTo("4.00"); // 3 × 1.00 + the minimum fee 1.00
    assertThat(cancelled.one(HoldingReservationReleased.class).quantity())
        .isEqualByComparingTo(reserved);
    assertThat(cancelled.one(FeeRefunded.class).amount()).isEqualByComparingTo("1.00");
    assertThat(cancelled.of(FeeSettled.class)).isEmpty();
    assertThat(cancelled.one(OrderCancelled.class).filledQuantity()).isZero();
  }

  @Test
  void anOrderTheVenueDoesNotAnswerInTimeIsCancelledThereAndRejectedAsATimeout() {
    deposit(account, "USD", "1000.00");
    venueLatency(3_000);
    try {
      Journey timedOut =
          follow(
              OrderRejected.class,
              () -> {
                String orderId = place(account, "BUY", "LIMIT", 2, "1.00");
                // The deadline passed: the saga cancels at the venue, or, when the submission was
                // still
                // waiting for its retry and is dropped, ends the order at once (it never reached
                // the venue).
                waitForStep(orderId, "CANCELLING_AT_MARKET", "MARKET_TIMEOUT");
                venueLatency(0);
                return orderId;
              });

      assertThat(timedOut.one(OrderRejected.class).reason())
          .isEqualTo(OrderRejectReason.MARKET_TIMEOUT);
      BigDecimal reserved = timedOut.one(HoldingReserved.class).quantity();
      assertThat(timedOut.one(HoldingReservationReleased.class).quantity())
          .isEqualByComparingTo(reserved);
      assertThat(timedOut.one(FeeRefunded.class).amount()).isEqualByComparingTo("1.00");
      assertThat(timedOut.of(OrderFilled.class)).isEmpty();
    } finally {
      venueLatency(0);
    }
  }

  static void venueLatency(int millis) {
    HttpResponse<String> response =
        TestHttp.putJson(
            exchange.port(),
            "/venue/settings",
            "{\"latencyMs\":"
                + millis
                + ",\"rejectRate\":0.0,\"errorRate\":0.0,\"partialFills\":false}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  static void waitForStep(String orderId, String step) {
    waitForStep(orderId, step, null);
  }

  /**
   * Waits until the saga is in {@code step}, or has already decided an ending naming {@code
   * orEnding}.
   */
  static void waitForStep(String orderId, String step, String orEnding) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          TestHttp.asOperator().get(saga.port(), "/ops/sagas/" + orderId);
      if (response.statusCode() == 200
          && (response.body().contains("\"step\":\"" + step + "\"")
              || orEnding != null
                  && response.body().matches("(?s).*\"ending\":\"[^\"]*" + orEnding + ".*"))) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError(
        "saga of " + orderId + " never reached " + step + " nor ended " + orEnding);
  }
}
