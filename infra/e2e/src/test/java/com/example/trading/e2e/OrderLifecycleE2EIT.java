package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.audit.AuditReport;
import com.example.trading.audit.EventStoreAudit;
import com.example.trading.audit.HoldingBalance;
import com.example.trading.audit.OrderOutcome;
import com.example.trading.benchmarks.orders.OrderRun;
import com.example.trading.benchmarks.orders.OrderRunResult;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.fee.FeeSchedule;
import com.example.trading.schemas.order.OrderStatus;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole order lifecycles through the HTTP APIs of the running system (all five processes), with
 * faults: every outcome is read back through the query API and the event store is audited ({@link
 * EventStoreAudit}: every invariant of DOMAIN.md) at the end of each.
 */
class OrderLifecycleE2EIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDS =
      Arrays.stream(OrderStatus.values())
          .filter(OrderStatus::isTerminal)
          .map(Enum::name)
          .collect(Collectors.toUnmodifiableSet());
  private static RunningSystem system;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() {
    system = RunningSystem.get();
  }

  @org.junit.jupiter.api.BeforeEach
  void openTheAccount() {
    system.openAccount(account, "cust-lifecycle");
  }

  @AfterEach
  void venueBackToNormal() {
    venueSettings(0.0, false);
  }

  // ------------------------------------------------------------------ the 1,000-order run

  @Test
  void aThousandOrdersOverFiftyAccountsKeepEveryInvariantAndTheViewsShowWhatTheEventStoreSays()
      throws Exception {
    OrderRunResult result =
        orderRun()
            .run(
                OrderRun.Settings.builder()
                    .orders(1_000)
                    .accounts(50)
                    .clients(8)
                    .seed(20261122L)
                    .withExpiry(true)
                    .partialFills(true)
                    .finishWithin(Duration.ofMinutes(4))
                    .build());
    System.out.println(result.summary());

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(result.endsByKind())
        .as("every kind of order ran")
        .hasSize(com.example.trading.benchmarks.orders.OrderKind.values().length);
    assertThat(result.audit().orders().values())
        .as("some orders filled in parts")
        .anyMatch(o -> o.fills() > 1);
    theViewsShow(result.audit());
  }

  /**
   * Invariant 6: once quiet, every order and every holding in the views equals the event store's,
   * and each account's ledger sums to its holdings.
   */
  private void theViewsShow(AuditReport audit) {
    for (OrderOutcome order : audit.orders().values()) {
      Eventually.within(
          Duration.ofSeconds(60),
          () -> {
            JsonNode view = json(get(query(), "/api/orders/" + order.orderId()));
            String status = order.status();
            boolean same =
                status.equals(view.path("status").asText())
                    && order.filledQuantity() == view.path("filledQuantity").asLong()
                    && (order.reason() == null
                        || order.reason().equals(view.path("rejectReason").asText()));
            return same ? view : null;
          });
    }
    Map<String, List<HoldingBalance>> byAccount = new HashMap<>();
    audit
        .holdings()
        .values()
        .forEach(h -> byAccount.computeIfAbsent(h.accountId(), a -> new ArrayList<>()).add(h));
    byAccount.forEach(
        (accountId, holdings) ->
            Eventually.within(
                Duration.ofSeconds(60),
                () -> {
                  JsonNode portfolio =
                      json(get(query(), "/api/accounts/" + accountId + "/portfolio"));
                  for (HoldingBalance holding : holdings) {
                    JsonNode shown = null;
                    for (JsonNode candidate : portfolio.path("holdings")) {
                      if (candidate.path("asset").asText().equals(holding.asset())) {
                        shown = candidate;
                      }
                    }
                    if (shown == null
                        || new BigDecimal(shown.path("quantity").asText())
                                .compareTo(holding.quantity())
                            != 0
                        || new BigDecimal(shown.path("reserved").asText())
                                .compareTo(holding.reserved())
                            != 0) {
                      return null;
                    }
                  }
                  return portfolio;
                }));
    // The ledger: per account and asset, its entries' amounts sum to the holding's quantity.
    byAccount.forEach(
        (accountId, holdings) ->
            Eventually.within(
                Duration.ofSeconds(60),
                () -> {
                  Map<String, BigDecimal> sums = ledgerSums(accountId);
                  for (HoldingBalance holding : holdings) {
                    if (sums.getOrDefault(holding.asset(), BigDecimal.ZERO)
                            .compareTo(holding.quantity())
                        != 0) {
                      return null;
                    }
                  }
                  return sums;
                }));
  }

  /** Every entry of the account's ledger, page by page: the sum of the amounts per asset. */
  private Map<String, BigDecimal> ledgerSums(String accountId) {
    Map<String, BigDecimal> sums = new HashMap<>();
    String cursor = null;
    do {
      JsonNode page =
          json(
              get(
                  query(),
                  "/api/accounts/"
                      + accountId
                      + "/activities?size=100"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      for (JsonNode entry : page.path("items")) {
        sums.merge(
            entry.path("asset").asText(),
            new BigDecimal(entry.path("amount").asText()),
            BigDecimal::add);
      }
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);
    return sums;
  }

  // ------------------------------------------------------------------ faults

  @Test
  void killingTheCommandSideMidRunLosesNoOrderAndAppliesNothingTwice() throws Exception {
    OrderRunResult result = runWhileKilling(system.commandSide, 7L);

    assertThat(result.passed()).as(() -> whatIsLeft(result)).isTrue();
  }

  @Test
  void killingTheOrchestratorMidRunLosesNoOrderAndAppliesNothingTwice() throws Exception {
    OrderRunResult result = runWhileKilling(system.saga, 8L);

    // A step deadline (pricing, submitting: 30 s) can pass while the orchestrator is down; the
    // order then ends MARKET_TIMEOUT with everything given back, rather than trading late.
    assertThat(result.passed(Set.of("REJECTED MARKET_TIMEOUT")))
        .as(() -> whatIsLeft(result))
        .isTrue();
    assertThat(result.audit().endings().getOrDefault("REJECTED MARKET_TIMEOUT", 0L))
        .as(result.summary())
        .isLessThanOrEqualTo(10);
  }

  /** The run's report and, for any order left unfinished, what the system knows of it. */
  private String whatIsLeft(OrderRunResult result) {
    return result.summary() + UnfinishedOrderReport.of(system, result.unfinishedOrderIds());
  }

  /**
   * Runs 100 orders over 10 accounts (paced at 20/s, customers retrying what the command API does
   * not answer) and, once 30 are placed, kills {@code victim} with {@code kill -9} and starts it
   * again.
   */
  private OrderRunResult runWhileKilling(
      com.example.trading.teststack.ServiceProcess victim, long seed) throws Exception {
    OrderRun run = orderRun();
    AtomicReference<Throwable> killer = new AtomicReference<>();
    Thread kill =
        new Thread(
            () -> {
              try {
                Eventually.within(
                    Duration.ofSeconds(120), () -> run.placedSoFar() >= 30 ? true : null);
                victim.kill();
                victim.start();
              } catch (Throwable e) {
                killer.set(e);
              }
            });
    kill.start();
    OrderRunResult result =
        run.run(
            OrderRun.Settings.builder()
                .orders(100)
                .accounts(10)
                .clients(4)
                .seed(seed)
                .withExpiry(false)
                .partialFills(false)
                .finishWithin(Duration.ofMinutes(3))
                .ratePerSecond(20)
                .build());
    kill.join();
    System.out.println(result.summary());
    assertThat(killer.get()).as("the kill and restart").isNull();
    return result;
  }

  @Test
  void aVenueOutageOpensTheCircuitBreakerAndTheOrdersFinishOnceTheVenueRecovers() throws Exception {
    deposit("USD", "100000.00");
    deposit("AAPL", "100");
    venueSettings(1.0, false);
    List<String> orderIds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      orderIds.add(
          place(i % 2 == 0 ? "BUY" : "SELL", "AAPL", 2, "MARKET", null, null)
              .path("orderId")
              .asText());
    }

    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            get(system.saga.port(), "/actuator/prometheus")
                    .body()
                    .lines()
                    .filter(
                        l ->
                            l.startsWith("resilience4j_circuitbreaker_state{")
                                && l.contains("name=\"venue-orders\"")
                                && l.contains("state=\"open\""))
                    .anyMatch(l -> l.endsWith(" 1.0"))
                ? true
                : null);
    assertThat(orderIds)
        .allSatisfy(
            id ->
                assertThat(json(get(query(), "/api/orders/" + id)).path("status").asText())
                    .isNotIn("FILLED", "REJECTED"));
    venueSettings(0.0, false);

    for (String orderId : orderIds) {
      JsonNode order = awaitEnd(orderId, Duration.ofSeconds(120));
      assertThat(order.path("status").asText()).as(order.toString()).isEqualTo("FILLED");
    }
    assertAuditHolds();
  }

  @Test
  void aMessageDeliveredTwiceChangesNothing() throws Exception {
    deposit("AAPL", "50");
    String servers = TestStack.get().kafkaBootstrapServers();
    List<ConsumerRecord<String, byte[]>> delivered = new ArrayList<>();
    String orderId;
    try (KafkaTail orders = KafkaTail.open(servers, system.prefix + Topics.ORDER_EVENTS);
        KafkaTail holdings = KafkaTail.open(servers, system.prefix + Topics.HOLDING_EVENTS);
        KafkaTail fees = KafkaTail.open(servers, system.prefix + Topics.FEE_EVENTS);
        KafkaTail commands = KafkaTail.open(servers, system.prefix + Topics.COMMANDS)) {
      orderId = place("SELL", "AAPL", 5, "MARKET", null, null).path("orderId").asText();
      awaitEnd(orderId, Duration.ofSeconds(60));
      Duration settle = Duration.ofSeconds(2);
      delivered.addAll(orders.readFor(settle, r -> orderId.equals(r.key())));
      delivered.addAll(fees.readFor(settle, r -> r.key() != null && r.key().contains(orderId)));
      delivered.addAll(holdings.readFor(settle, r -> new String(r.value()).contains(orderId)));
      delivered.addAll(commands.readFor(settle, r -> new String(r.value()).contains(orderId)));
    }
    assertThat(delivered).hasSizeGreaterThan(10);
    AuditReport before = audit();
    String viewBefore = withoutVolatile(json(get(query(), "/api/orders/" + orderId)));
    // The views settle after the order's end: wait until the sale is fully shown (shares out, cash
    // in).
    String portfolioBefore =
        withoutVolatile(
            Eventually.within(
                Duration.ofSeconds(30),
                () -> {
                  JsonNode portfolio =
                      json(get(query(), "/api/accounts/" + account + "/portfolio"));
                  return portfolio.path("holdings").size() == 2
                          && portfolio.path("holdings").findValuesAsText("reserved").stream()
                              .allMatch(r -> new BigDecimal(r).signum() == 0)
                          && portfolio.path("holdings").findValuesAsText("quantity").contains("45")
                      ? portfolio
                      : null;
                }));

    long eventRecords =
        delivered.stream().filter(r -> !r.topic().endsWith(Topics.COMMANDS)).count();
    double recognisedBefore = inboxRecognised();
    for (ConsumerRecord<String, byte[]> record : delivered) {
      Map<String, String> headers = new HashMap<>();
      for (Header header : record.headers()) {
        headers.put(header.key(), new String(header.value()));
      }
      KafkaTail.send(servers, record.topic(), record.key(), record.value(), headers);
    }
    // The orchestrator's inbox recognises each as already stored, or as an event no saga handles
    // (never stored): all of them, once consumed.
    Eventually.within(
        Duration.ofSeconds(60),
        () -> inboxRecognised() >= recognisedBefore + eventRecords ? true : null);
    Thread.sleep(
        3_000); // the command side's and the projections' consumers read the same records alongside

    AuditReport after = audit();
    assertThat(after.holds()).as(after.toString()).isTrue();
    assertThat(after.eventsInScope())
        .as("nothing was stored again")
        .isEqualTo(before.eventsInScope());
    assertThat(withoutVolatile(json(get(query(), "/api/orders/" + orderId)))).isEqualTo(viewBefore);
    assertThat(withoutVolatile(json(get(query(), "/api/accounts/" + account + "/portfolio"))))
        .isEqualTo(portfolioBefore);
  }

  /**
   * Poison, fix, re-drive, through all five processes: the command side parks the order's fee
   * charge on the dead-letter topic (fault injection: refused without being applied), the saga
   * waits and asks again (parked again); the command side is restarted without the fault (the fix),
   * and the operator re-drives every parked copy at once. The fee is charged exactly once, the
   * order fills, each dead letter is recorded as re-driven, and the audit holds.
   */
  @Test
  void aCommandParkedOnTheDeadLetterTopicIsReDrivenAfterTheFixAndAppliedOnce() throws Exception {
    deposit("USD", "10000.00");
    String deadLetters = "/ops/dead-letters/" + Topics.COMMANDS_DEAD_LETTER;
    String orderId;
    List<String> parked;
    system.commandSide.close();
    try {
      system.commandSide.start(Map.of("FAULT_PARK_SAGA_COMMANDS", "ChargeFee"));
      orderId = place("BUY", "AAPL", 3, "MARKET", null, null).path("orderId").asText();
      String order = orderId;
      parked =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> {
                List<String> ids = parkedCommandsOf(deadLetters, order, "ChargeFee");
                return ids.isEmpty() ? null : ids;
              });
      assertThat(json(get(system.saga.port(), "/ops/sagas/" + orderId)).path("step").asText())
          .as("the saga waits for its fee")
          .isEqualTo("CHARGING_FEE");
      assertThat(json(get(query(), "/api/orders/" + orderId)).path("status").asText())
          .isNotIn(ENDS);
    } finally {
      system.commandSide.close();
      system.commandSide.start();
    }
    // The saga may have asked again meanwhile (parked as well): re-drive every parked copy, as one
    // selection.
    parked = parkedCommandsOf(deadLetters, orderId, "ChargeFee");
    var redriven =
        postJson(
            system.commandSide.port(),
            deadLetters + "/redrive",
            "{\"reason\":\"fee service fixed (e2e)\",\"ids\":"
                + JSON.writeValueAsString(parked)
                + "}");
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    assertThat(json(redriven).path("results").findValuesAsText("outcome"))
        .hasSize(parked.size())
        .containsOnly("REDRIVEN");

    JsonNode end = awaitEnd(orderId, Duration.ofSeconds(120));
    assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("FILLED");
    assertThat(parkedCommandsOf(deadLetters, orderId, "ChargeFee"))
        .as("nothing left parked")
        .isEmpty();
    assertThat(storedEvents("FeeCharged", orderId))
        .as("the fee charged once, however many copies came")
        .isEqualTo(1);
    assertAuditHolds();
  }

  /** The ids of the pending dead letters of saga commands of {@code type} for the order. */
  private static List<String> parkedCommandsOf(String source, String orderId, String type) {
    var response = get(system.commandSide.port(), source + "?state=pending");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode entry : json(response).path("messages")) {
      JsonNode message = entry.path("message");
      if (type.equals(message.path("headers").path("type").asText())
          && message.path("payload").asText().contains(orderId)) {
        ids.add(message.path("id").asText());
      }
    }
    return ids;
  }

  /** How many events of {@code type} naming the order the command side stored. */
  private static long storedEvents(String type, String orderId) throws Exception {
    TestStack stack = TestStack.get();
    try (Connection connection =
            DriverManager.getConnection(
                system.commandJdbcUrl, stack.postgresUser(), stack.postgresPassword());
        var statement =
            connection.prepareStatement(
                """
            select count(*) from domain_event_entry
            where payload_type like ? and position(convert_to(?, 'UTF8') in payload) > 0""")) {
      statement.setString(1, "%$" + type);
      statement.setString(2, orderId);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The sum of a Prometheus metric's samples on a service, of the series carrying every one of
   * {@code labels}.
   */
  /** The event records the orchestrator's inbox has read and not stored: duplicates and others. */
  private static double inboxRecognised() {
    return metric(system.saga.port(), "trading_saga_inbox_duplicates_total")
        + metric(system.saga.port(), "trading_saga_inbox_not_for_the_sagas_total");
  }

  private static double metric(int port, String name, String... labels) {
    return get(port, "/actuator/prometheus")
        .body()
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  // ------------------------------------------------------------------ paths seen through the query
  // API

  @Test
  void aPartiallyFilledOrderCancelledByTheCustomerKeepsItsFillsAndGetsTheRestBack()
      throws Exception {
    deposit("USD", "100000.00");
    venueSettings(0.0, true);
    BigDecimal price = price("MSFT");
    String limit =
        price
            .multiply(new BigDecimal("1.10"))
            .setScale(2, java.math.RoundingMode.HALF_EVEN)
            .toPlainString();
    // A crossing limit order fills its first part on arrival and the next at the venue's next tick
    // (every 2 s): the cancel usually lands in between; when it loses that race, try again.
    JsonNode cancelledPartway = null;
    for (int attempt = 0; attempt < 10 && cancelledPartway == null; attempt++) {
      String orderId = place("BUY", "MSFT", 9, "LIMIT", limit, null).path("orderId").asText();
      Eventually.within(
          Duration.ofSeconds(30),
          () ->
              json(get(query(), "/api/orders/" + orderId)).path("filledQuantity").asLong() > 0
                  ? true
                  : null);
      postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", "");
      JsonNode end = awaitEnd(orderId, Duration.ofSeconds(60));
      if (end.path("status").asText().equals("CANCELLED")) {
        cancelledPartway = end;
      } else {
        assertThat(end.path("status").asText()).isEqualTo("FILLED");
      }
    }

    assertThat(cancelledPartway).as("a cancel landed between two parts in 10 attempts").isNotNull();
    assertThat(cancelledPartway.path("filledQuantity").asLong()).isBetween(1L, 8L);
    assertThat(cancelledPartway.path("feeStatus").asText()).isEqualTo("SETTLED");
    // The fee is paid on what traded, not on the whole order: the rest of the hold comes back.
    BigDecimal traded = BigDecimal.ZERO;
    for (JsonNode fill : cancelledPartway.path("fills")) {
      traded =
          traded.add(
              Assets.cents(
                  new BigDecimal(fill.path("price").asText())
                      .multiply(BigDecimal.valueOf(fill.path("quantity").asLong()))));
    }
    BigDecimal held = new BigDecimal(cancelledPartway.path("feeHeld").asText());
    BigDecimal paid = new BigDecimal(cancelledPartway.path("feePaid").asText());
    assertThat(paid)
        .isEqualByComparingTo(FeeSchedule.STANDARD_V1.feeFor(traded).min(held))
        .isLessThan(held);
    assertThat(paid.add(new BigDecimal(cancelledPartway.path("feeRefunded").asText())))
        .isEqualByComparingTo(held);
    assertThat(cancelledPartway.path("fee").asText()).isEqualTo(paid.toPlainString());
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  @Test
  void eachTimeInForceEndsTheOrderAsTheVenueDecides() throws Exception {
    deposit("USD", "100000.00");
    venueSettings(0.0, true);
    BigDecimal price = price("AAPL");
    String farBelow =
        price
            .multiply(new BigDecimal("0.60"))
            .setScale(2, java.math.RoundingMode.DOWN)
            .toPlainString();
    String crossing =
        price
            .multiply(new BigDecimal("1.10"))
            .setScale(2, java.math.RoundingMode.DOWN)
            .toPlainString();

    String ioc = place("BUY", "AAPL", 5, "LIMIT", farBelow, null, "IOC").path("orderId").asText();
    String fok = place("BUY", "AAPL", 9, "LIMIT", crossing, null, "FOK").path("orderId").asText();

    // IOC: nothing could fill on arrival, so all of it was cancelled, and everything given back.
    JsonNode iocEnd = awaitEnd(ioc, Duration.ofSeconds(60));
    assertThat(iocEnd.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(iocEnd.path("filledQuantity").asLong()).isZero();
    assertThat(iocEnd.path("timeInForce").asText()).isEqualTo("IOC");
    assertThat(iocEnd.path("feeStatus").asText()).isEqualTo("REFUNDED");
    // FOK: all of it in one fill, even with the venue filling in parts.
    JsonNode fokEnd = awaitEnd(fok, Duration.ofSeconds(60));
    assertThat(fokEnd.path("status").asText()).isEqualTo("FILLED");
    assertThat(fokEnd.path("fills")).hasSize(1);
    // DAY and GTC rest until the session closes: then the DAY order expires, the GTC one works on.
    String day = place("BUY", "AAPL", 5, "LIMIT", farBelow, null, "DAY").path("orderId").asText();
    String gtc = place("BUY", "AAPL", 5, "LIMIT", farBelow, null, "GTC").path("orderId").asText();
    for (String resting : List.of(day, gtc)) {
      Eventually.within(
          Duration.ofSeconds(60),
          () ->
              "SUBMITTED"
                      .equals(json(get(query(), "/api/orders/" + resting)).path("status").asText())
                  ? true
                  : null);
    }
    // (this system's DAY orders also expire 35 s after submission: the session closes before that)
    assertThat(venueOrderStatus(day)).isEqualTo("ACCEPTED");
    var closed = send("POST", system.venue().resolve("/venue/session/close"), "");
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    assertThat(JSON.readTree(closed.body()).path("expired").asInt()).isPositive();
    assertThat(venueOrderStatus(day)).isEqualTo("EXPIRED");
    assertThat(venueOrderStatus(gtc)).isEqualTo("ACCEPTED");
    JsonNode dayEnd = awaitEnd(day, Duration.ofSeconds(60));
    assertThat(dayEnd.path("status").asText()).isEqualTo("EXPIRED");
    assertThat(dayEnd.path("feeStatus").asText()).isEqualTo("REFUNDED");
    JsonNode gtcNow = json(get(query(), "/api/orders/" + gtc));
    assertThat(gtcNow.path("status").asText()).isEqualTo("SUBMITTED");
    assertThat(gtcNow.path("timeInForce").asText()).isEqualTo("GTC");

    postJson(system.commandSide.port(), "/api/orders/" + gtc + "/cancel", "");
    assertThat(awaitEnd(gtc, Duration.ofSeconds(60)).path("status").asText())
        .isEqualTo("CANCELLED");
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  @Test
  void aStopOrderWaitsForItsStopAndItsDocumentSaysWhenItWasTriggered() throws Exception {
    deposit("USD", "100000.00");
    venueSettings(0.0, false);
    BigDecimal price = price("AAPL");
    // A BUY stop below the market is reached already: it triggers on arrival and fills at the
    // market, within the protection its cash was reserved at (the stop × 1.05).
    String reached =
        price.subtract(BigDecimal.ONE).setScale(2, java.math.RoundingMode.DOWN).toPlainString();
    // One far above the market is not reached while the test runs: it rests, untriggered.
    String farAbove =
        price
            .multiply(new BigDecimal("1.40"))
            .setScale(2, java.math.RoundingMode.DOWN)
            .toPlainString();

    String triggered =
        place("BUY", "AAPL", 3, "STOP", null, null, "GTC", reached).path("orderId").asText();
    String waiting =
        place("BUY", "AAPL", 3, "STOP", null, null, "GTC", farAbove).path("orderId").asText();

    JsonNode filled = awaitEnd(triggered, Duration.ofSeconds(60));
    assertThat(filled.path("status").asText()).isEqualTo("FILLED");
    assertThat(filled.path("type").asText()).isEqualTo("STOP");
    assertThat(filled.path("stopPrice").asText()).isEqualTo(reached);
    assertThat(filled.path("triggeredAt").isTextual()).as(filled.toString()).isTrue();
    BigDecimal protection = new BigDecimal(reached).multiply(new BigDecimal("1.05"));
    for (JsonNode fill : filled.path("fills")) {
      assertThat(new BigDecimal(fill.path("price").asText())).isLessThanOrEqualTo(protection);
    }
    assertThat(filled.path("timeline").findValuesAsText("event")).contains("OrderTriggered");

    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            "SUBMITTED".equals(json(get(query(), "/api/orders/" + waiting)).path("status").asText())
                ? true
                : null);
    assertThat(json(get(query(), "/api/orders/" + waiting)).path("triggeredAt").isNull()).isTrue();
    postJson(system.commandSide.port(), "/api/orders/" + waiting + "/cancel", "");
    assertThat(awaitEnd(waiting, Duration.ofSeconds(60)).path("status").asText())
        .isEqualTo("CANCELLED");
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  @Test
  void aWorkingOrderIsReplacedAndAReplaceItCannotAffordLeavesItAsItWas() throws Exception {
    deposit("USD", "3000.00");
    venueSettings(0.0, false);
    BigDecimal price = price("AAPL");
    BigDecimal below = price.multiply(new BigDecimal("0.60")).setScale(2, RoundingMode.DOWN);
    BigDecimal lower = price.multiply(new BigDecimal("0.55")).setScale(2, RoundingMode.DOWN);
    String orderId =
        place("BUY", "AAPL", 5, "LIMIT", below.toPlainString(), "1.50", "GTC")
            .path("orderId")
            .asText();
    awaitStatus(orderId, "SUBMITTED");

    // More shares at a lower limit: the reservation and the fee hold follow the new terms.
    var replaced =
        patchJson(
            "/api/orders/" + orderId,
            "{\"quantity\":8,\"limitPrice\":\"" + lower.toPlainString() + "\"}");
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(202);
    assertThat(json(replaced).path("status").asText()).isEqualTo("REPLACE_REQUESTED");
    JsonNode afterReplace = awaitWorkingAfter(orderId, "OrderReplaced");
    assertThat(afterReplace.path("quantity").asLong()).isEqualTo(8);
    assertThat(afterReplace.path("limitPrice").asText()).isEqualTo(lower.toPlainString());
    BigDecimal notional = lower.multiply(BigDecimal.valueOf(8));
    BigDecimal fee = FeeSchedule.STANDARD_V1.feeFor(notional);
    assertThat(new BigDecimal(afterReplace.path("feeHeld").asText())).isEqualByComparingTo(fee);
    BigDecimal reserved = Assets.cents(notional).add(fee);
    awaitUsdReserved(usdReserved -> new BigDecimal(usdReserved).compareTo(reserved) == 0);
    assertThat(venueOrder(orderId).path("quantity").asLong()).isEqualTo(8);

    // A hundred shares need more cash than the account has: refused, the order as it was.
    var tooBig = patchJson("/api/orders/" + orderId, "{\"quantity\":100}");
    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(202);
    JsonNode afterRefusal = awaitWorkingAfter(orderId, "OrderReplaceRejected");
    assertThat(afterRefusal.path("quantity").asLong()).isEqualTo(8);
    assertThat(afterRefusal.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail != null && detail.contains("was refused"));
    assertThat(venueOrder(orderId).path("quantity").asLong()).isEqualTo(8);

    // Twenty shares the account can pay for, but their fee is above the order's maxFee of 1.50:
    // refused once the reservation grew, which is given back.
    var feeTooHigh = patchJson("/api/orders/" + orderId, "{\"quantity\":20}");
    assertThat(feeTooHigh.statusCode()).as(feeTooHigh.body()).isEqualTo(202);
    Eventually.within(
        Duration.ofSeconds(60),
        () -> {
          JsonNode order = json(get(query(), "/api/orders/" + orderId));
          return order.path("timeline").findValuesAsText("detail").stream()
                      .anyMatch(detail -> detail != null && detail.contains("above maxFee 1.50"))
                  && order.path("status").asText().equals("SUBMITTED")
              ? order
              : null;
        });
    awaitUsdReserved(usdReserved -> new BigDecimal(usdReserved).compareTo(reserved) == 0);
    assertThat(venueOrder(orderId).path("quantity").asLong()).isEqualTo(8);

    // Terms that do not fit the order are a bad request; nothing changes.
    var noChange = patchJson("/api/orders/" + orderId, "{}");
    assertThat(noChange.statusCode()).as(noChange.body()).isEqualTo(400);
    var stopOnALimit = patchJson("/api/orders/" + orderId, "{\"stopPrice\":\"1.00\"}");
    assertThat(stopOnALimit.statusCode()).as(stopOnALimit.body()).isEqualTo(400);
    assertThat(stopOnALimit.body()).contains("stopPrice");

    postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", "");
    assertThat(awaitEnd(orderId, Duration.ofSeconds(60)).path("status").asText())
        .isEqualTo("CANCELLED");
    var afterEnd = patchJson("/api/orders/" + orderId, "{\"quantity\":9}");
    assertThat(afterEnd.statusCode()).as(afterEnd.body()).isEqualTo(409);
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  @Test
  void aReplaceRacingTheFillsEndsTheOrderConsistentlyWhicheverComesFirst() throws Exception {
    deposit("USD", "100000.00");
    venueSettings(0.0, true);
    BigDecimal price = price("MSFT");
    String crossing =
        price.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    // A crossing limit order fills a part on arrival and the next parts at the venue's next ticks:
    // the replace races them. Whichever wins, the order ends filled under the terms it last had,
    // the replace is answered, and every invariant holds.
    String orderId = place("BUY", "MSFT", 9, "LIMIT", crossing, null).path("orderId").asText();
    Eventually.within(
        Duration.ofSeconds(30),
        () ->
            json(get(query(), "/api/orders/" + orderId)).path("filledQuantity").asLong() > 0
                ? true
                : null);
    var replace = patchJson("/api/orders/" + orderId, "{\"quantity\":12}");
    assertThat(replace.statusCode()).as(replace.body()).isIn(202, 409);

    JsonNode end =
        Eventually.within(
            Duration.ofSeconds(90),
            () -> {
              JsonNode order = awaitEnd(orderId, Duration.ofSeconds(90));
              List<String> events = order.path("timeline").findValuesAsText("event");
              boolean answered =
                  replace.statusCode() == 409
                      || events.contains("OrderReplaced")
                      || events.contains("OrderReplaceRejected");
              return answered ? order : null;
            });
    assertThat(end.path("status").asText()).isEqualTo("FILLED");
    assertThat(end.path("filledQuantity").asLong()).isEqualTo(end.path("quantity").asLong());
    assertThat(end.path("quantity").asLong())
        .isEqualTo(
            end.path("timeline").findValuesAsText("event").contains("OrderReplaced") ? 12 : 9);
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  @Test
  void aReplaceTheVenueRefusesGivesBackTheReservationAndTheFeeHoldItTook() throws Exception {
    deposit("USD", "100000.00");
    venueSettings(0.0, false);
    BigDecimal below =
        price("AAPL").multiply(new BigDecimal("0.60")).setScale(2, RoundingMode.DOWN);
    String orderId =
        place("BUY", "AAPL", 5, "LIMIT", below.toPlainString(), null, "GTC")
            .path("orderId")
            .asText();
    awaitStatus(orderId, "SUBMITTED");
    JsonNode before = json(get(query(), "/api/orders/" + orderId));
    JsonNode reservedBefore =
        awaitUsdReserved(usdReserved -> new BigDecimal(usdReserved).signum() > 0);

    // Fifty shares: more cash reserved and a higher fee held first, then the venue refuses (its
    // reject rate at 100%): both are given back and the order works on as it was.
    venueSettings(0.0, 1.0, false);
    var replace = patchJson("/api/orders/" + orderId, "{\"quantity\":50}");
    assertThat(replace.statusCode()).as(replace.body()).isEqualTo(202);
    JsonNode refused = awaitWorkingAfter(orderId, "OrderReplaceRejected");
    venueSettings(0.0, false);

    List<String> events = refused.path("timeline").findValuesAsText("event");
    assertThat(events).contains("FeeHoldAdjusted");
    assertThat(refused.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail != null && detail.contains("the venue refused the replace"));
    assertThat(refused.path("quantity").asLong()).isEqualTo(5);
    Eventually.within(
        Duration.ofSeconds(30),
        () ->
            json(get(query(), "/api/orders/" + orderId))
                    .path("feeHeld")
                    .asText()
                    .equals(before.path("feeHeld").asText())
                ? true
                : null);
    String usdReservedBefore = reservedOf(reservedBefore, "USD");
    awaitUsdReserved(usdReserved -> usdReserved.equals(usdReservedBefore));
    assertThat(venueOrder(orderId).path("quantity").asLong()).isEqualTo(5);

    postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", "");
    assertThat(awaitEnd(orderId, Duration.ofSeconds(60)).path("status").asText())
        .isEqualTo("CANCELLED");
    awaitPortfolio(holding -> new BigDecimal(holding.path("reserved").asText()).signum() == 0);
    assertAuditHolds();
  }

  private static String reservedOf(JsonNode portfolio, String asset) {
    for (JsonNode holding : portfolio.path("holdings")) {
      if (holding.path("asset").asText().equals(asset)) {
        return holding.path("reserved").asText();
      }
    }
    throw new AssertionError("no " + asset + " holding in " + portfolio);
  }

  /** Polls until the order's timeline shows {@code event} and the order works again. */
  private static JsonNode awaitWorkingAfter(String orderId, String event) {
    return Eventually.within(
        Duration.ofSeconds(60),
        () -> {
          JsonNode order = json(get(query(), "/api/orders/" + orderId));
          return order.path("timeline").findValuesAsText("event").contains(event)
                  && order.path("status").asText().equals("SUBMITTED")
              ? order
              : null;
        });
  }

  /**
   * Polls the portfolio until what the USD holding has reserved (its text) satisfies {@code
   * expected}.
   */
  private JsonNode awaitUsdReserved(java.util.function.Predicate<String> expected) {
    return awaitPortfolio(
        holding ->
            !holding.path("asset").asText().equals("USD")
                || expected.test(holding.path("reserved").asText()));
  }

  private void awaitStatus(String orderId, String status) {
    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            status.equals(json(get(query(), "/api/orders/" + orderId)).path("status").asText())
                ? true
                : null);
  }

  private static JsonNode venueOrder(String orderId) throws Exception {
    return JSON.readTree(
        send("GET", system.venue().resolve("/venue/orders/" + orderId), null).body());
  }

  private static HttpResponse<String> patchJson(String path, String json) {
    return com.example.trading.teststack.TestHttp.asOperator()
        .patchJson(system.commandSide.port(), path, json);
  }

  @Test
  void aStopOrderWithoutAStopPriceIsRefusedNamingTheField() throws Exception {
    String body =
        ("{\"accountId\":\"%s\",\"clientOrderId\":\"c-stop\",\"side\":\"BUY\",\"instrument\":\"AAPL\","
                + "\"quantity\":1,\"type\":\"STOP\"}")
            .formatted(account);
    var response = postJson(system.commandSide.port(), "/api/orders", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("stopPrice");
  }

  @Test
  void anUnknownTimeInForceIsRefusedNamingTheField() throws Exception {
    String body =
        ("{\"accountId\":\"%s\",\"clientOrderId\":\"c-tif\",\"side\":\"BUY\",\"instrument\":\"AAPL\","
                + "\"quantity\":1,\"type\":\"MARKET\",\"timeInForce\":\"FOREVER\"}")
            .formatted(account);
    var response = postJson(system.commandSide.port(), "/api/orders", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("timeInForce");
  }

  @Test
  void anInstrumentTheVenueDoesNotListIsRefusedAtPlacementAndNothingIsStored() throws Exception {
    deposit("USD", "1000.00");
    // The command side reads the venue's reference data in the background after it starts.
    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            get(system.commandSide.port(), "/actuator/prometheus")
                    .body()
                    .lines()
                    .anyMatch(
                        l ->
                            l.startsWith("trading_exchange_instruments_known")
                                && !l.endsWith(" 0.0"))
                ? true
                : null);
    String body =
        "{\"accountId\":\"%s\",\"clientOrderId\":\"c-nope\",\"side\":\"BUY\",\"instrument\":\"NOPE\","
                .formatted(account)
            + "\"quantity\":1,\"type\":\"MARKET\",\"maxFee\":\"25.00\"}";

    var refused = postJson(system.commandSide.port(), "/api/orders", body);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).path("errors").get(0).path("field").asText()).isEqualTo("instrument");
    assertThat(audit().orders()).as("no order stored for the account").isEmpty();
    // A halted instrument is one the venue knows: placed, then rejected by the venue.
    String halted = place("BUY", "HALTED", 1, "MARKET", null, "25.00").path("orderId").asText();
    assertThat(awaitEnd(halted, Duration.ofSeconds(60)).path("rejectReason").asText())
        .isEqualTo("MARKET_REJECTED");
  }

  @Test
  void aCancelBeforeTheVenueHasTheOrderGivesEverythingBackAndNothingIsSent() throws Exception {
    deposit("USD", "5000.00");
    venueSettings(1.0, false);
    String[] superseded = {
      "trading_saga_market_requests_total", "kind=\"SUBMIT\"", "outcome=\"SUPERSEDED\""
    };
    double supersededBefore =
        metric(system.saga.port(), superseded[0], superseded[1], superseded[2]);
    String orderId = place("BUY", "GOOG", 3, "MARKET", null, null).path("orderId").asText();
    Eventually.within(
        Duration.ofSeconds(30),
        () ->
            get(system.saga.port(), "/ops/sagas/" + orderId)
                    .body()
                    .contains("\"step\":\"SUBMITTING\"")
                ? true
                : null);

    assertThat(
            postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", "")
                .statusCode())
        .isEqualTo(202);
    // The submission may have reached the venue for all the orchestrator knows (a timeout is
    // ambiguous), so it cancels there, and cannot end the order before the venue answers. The
    // venue comes back only once the gateway has dropped the pending submission for the cancel:
    // an attempt already under way when the cancel came could still land, like a fill racing a
    // cancel on a real venue (the order would then fill, correctly, but this test is about the
    // cancel).
    Eventually.within(
        Duration.ofSeconds(30),
        () ->
            get(system.saga.port(), "/ops/sagas/" + orderId)
                    .body()
                    .contains("\"step\":\"CANCELLING_AT_MARKET\"")
                ? true
                : null);
    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            metric(system.saga.port(), superseded[0], superseded[1], superseded[2])
                    > supersededBefore
                ? true
                : null);
    venueSettings(0.0, false);
    JsonNode end = awaitEnd(orderId, Duration.ofSeconds(60));

    assertThat(end.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(end.path("filledQuantity").asLong()).isZero();
    assertThat(end.path("feeStatus").asText()).isEqualTo("REFUNDED");
    Thread.sleep(2_000);
    assertThat(send("GET", system.venue().resolve("/venue/orders/" + orderId), null).statusCode())
        .as("the venue never received the order")
        .isEqualTo(404);
    awaitPortfolio(
        holding ->
            holding.path("asset").asText().equals("USD")
                && holding.path("quantity").asText().equals("5000.00")
                && holding.path("reserved").asText().equals("0.00"));
    assertAuditHolds();
  }

  @Test
  void rejectionsAndExpiryEndAsDomainSaysAndGiveEverythingBack() throws Exception {
    deposit("USD", "5000.00");
    deposit("TSLA", "10");
    String halted = place("BUY", "HALTED", 1, "LIMIT", "10.00", null).path("orderId").asText();
    String tooMany = place("SELL", "TSLA", 11, "MARKET", null, null).path("orderId").asText();
    String feeTooHigh = place("BUY", "TSLA", 2, "MARKET", null, "0.50").path("orderId").asText();
    String resting = place("SELL", "TSLA", 4, "LIMIT", "9999.00", null).path("orderId").asText();

    JsonNode haltedEnd = awaitEnd(halted, Duration.ofSeconds(60));
    assertThat(haltedEnd.path("status").asText()).isEqualTo("REJECTED");
    assertThat(haltedEnd.path("rejectReason").asText()).isEqualTo("MARKET_REJECTED");
    assertThat(haltedEnd.path("feeStatus").asText()).isEqualTo("REFUNDED");
    assertThat(awaitEnd(tooMany, Duration.ofSeconds(60)).path("rejectReason").asText())
        .isEqualTo("INSUFFICIENT_HOLDING");
    assertThat(awaitEnd(feeTooHigh, Duration.ofSeconds(60)).path("rejectReason").asText())
        .isEqualTo("FEE_REJECTED");
    // The orchestrator gives limit orders 20 s on the venue here.
    JsonNode expired = awaitEnd(resting, Duration.ofSeconds(90));
    assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
    assertThat(expired.path("feeStatus").asText()).isEqualTo("REFUNDED");
    JsonNode portfolio =
        awaitPortfolio(
            holding ->
                new BigDecimal(holding.path("reserved").asText()).signum() == 0
                    && new BigDecimal(holding.path("quantity").asText())
                            .compareTo(
                                new BigDecimal(
                                    holding.path("asset").asText().equals("USD")
                                        ? "5000.00"
                                        : "10"))
                        == 0);
    assertThat(portfolio.path("feesPaid").asText()).isEqualTo("0.00");
    assertAuditHolds();
  }

  // ------------------------------------------------------------------ helpers

  private OrderRun orderRun() {
    TestStack stack = TestStack.get();
    return new OrderRun(
        system.commandApi(),
        system.venue(),
        system.commandJdbcUrl,
        stack.postgresUser(),
        stack.postgresPassword(),
        stack.issuer());
  }

  private AuditReport audit() throws Exception {
    TestStack stack = TestStack.get();
    try (Connection connection =
        DriverManager.getConnection(
            system.commandJdbcUrl, stack.postgresUser(), stack.postgresPassword())) {
      return EventStoreAudit.of(connection, Set.of(account));
    }
  }

  private void assertAuditHolds() throws Exception {
    AuditReport report = audit();
    assertThat(report.holds()).as(report.toString()).isTrue();
  }

  private static int query() {
    return system.querySide.port();
  }

  private JsonNode deposit(String asset, String quantity) {
    var response =
        postJson(
            system.commandSide.port(),
            "/api/accounts/" + account + "/deposits",
            "{\"asset\":\"" + asset + "\",\"quantity\":\"" + quantity + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response);
  }

  private JsonNode place(
      String side,
      String instrument,
      long quantity,
      String type,
      String limitPrice,
      String maxFee) {
    return place(side, instrument, quantity, type, limitPrice, maxFee, null);
  }

  private JsonNode place(
      String side,
      String instrument,
      long quantity,
      String type,
      String limitPrice,
      String maxFee,
      String timeInForce) {
    return place(side, instrument, quantity, type, limitPrice, maxFee, timeInForce, null);
  }

  private JsonNode place(
      String side,
      String instrument,
      long quantity,
      String type,
      String limitPrice,
      String maxFee,
      String timeInForce,
      String stopPrice) {
    String body =
        "{\"accountId\":\"%s\",\"clientOrderId\":\"%s\",\"side\":\"%s\",\"instrument\":\"%s\",\"quantity\":%d,"
                .formatted(account, UUID.randomUUID(), side, instrument, quantity)
            + "\"type\":\"%s\",\"limitPrice\":%s,\"maxFee\":%s%s}"
                .formatted(
                    type,
                    limitPrice == null ? "null" : "\"" + limitPrice + "\"",
                    maxFee == null ? "null" : "\"" + maxFee + "\"",
                    (timeInForce == null ? "" : ",\"timeInForce\":\"" + timeInForce + "\"")
                        + (stopPrice == null ? "" : ",\"stopPrice\":\"" + stopPrice + "\""));
    var response = postJson(system.commandSide.port(), "/api/orders", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response);
  }

  /**
   * Polls the account's portfolio until every holding satisfies {@code expected}: the portfolios
   * view follows the holding events, which may arrive after the order's own end is shown.
   */
  private JsonNode awaitPortfolio(java.util.function.Predicate<JsonNode> expected) {
    return Eventually.within(
        Duration.ofSeconds(30),
        () -> {
          JsonNode portfolio = json(get(query(), "/api/accounts/" + account + "/portfolio"));
          for (JsonNode holding : portfolio.path("holdings")) {
            if (!expected.test(holding)) {
              return null;
            }
          }
          return portfolio;
        });
  }

  /** Polls the query API until the order has ended, and returns its document. */
  private static JsonNode awaitEnd(String orderId, Duration within) {
    return Eventually.within(
        within,
        () -> {
          JsonNode order = json(get(query(), "/api/orders/" + orderId));
          return ENDS.contains(order.path("status").asText())
                  && !order.path("feeStatus").asText().equals("CHARGED")
              ? order
              : null;
        });
  }

  private static String venueOrderStatus(String orderId) throws Exception {
    return JSON.readTree(
            send("GET", system.venue().resolve("/venue/orders/" + orderId), null).body())
        .path("status")
        .asText();
  }

  private static BigDecimal price(String instrument) throws Exception {
    return new BigDecimal(
        JSON.readTree(
                send("GET", system.venue().resolve("/venue/prices/" + instrument), null).body())
            .path("price")
            .asText());
  }

  private static void venueSettings(double errorRate, boolean partialFills) {
    venueSettings(errorRate, 0.0, partialFills);
  }

  private static void venueSettings(double errorRate, double rejectRate, boolean partialFills) {
    var response =
        com.example.trading.teststack.TestHttp.putJson(
            system.exchange.port(),
            "/venue/settings",
            "{\"latencyMs\":0,\"rejectRate\":"
                + rejectRate
                + ",\"errorRate\":"
                + errorRate
                + ",\"partialFills\":"
                + partialFills
                + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> send(String method, URI uri, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The document without what changes on every read (valuation time, prices, positions). */
  private static String withoutVolatile(JsonNode document) {
    var copy = document.deepCopy();
    if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      object.remove(List.of("asOf", "position", "updatedAt"));
      for (JsonNode holding : object.path("holdings")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) holding)
            .remove(List.of("lastPrice", "marketValue"));
      }
    }
    return copy.toString();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
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
