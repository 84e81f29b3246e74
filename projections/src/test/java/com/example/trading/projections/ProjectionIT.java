package com.example.trading.projections;

import static com.example.trading.teststack.KafkaTail.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.example.trading.projections.accounts.AccountsView;
import com.example.trading.projections.activities.AccountActivitiesView;
import com.example.trading.projections.activities.LedgerDocument;
import com.example.trading.projections.orders.CustomerOrderDocument;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.portfolio.HoldingDocument;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.AccountEvent.AccountOpened;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.teststack.JsonLogLines;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class ProjectionIT extends ProjectionsIntegrationTest {

  private static final TestHttp.Caller OPERATOR = TestHttp.asOperator();

  @Autowired ElasticsearchClient elasticsearch;
  @Autowired ViewStore store;
  @Autowired CustomerOrdersView orders;
  @Autowired PortfoliosView portfolios;
  @Autowired AccountActivitiesView activities;
  @Autowired AccountsView accounts;

  private final ObjectMapper json = new ObjectMapper();

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private void awaitApplied(String alias, RecordMetadata written) {
    awaitApplied(store, alias, written);
  }

  private <D> D document(String alias, String id, Class<D> type) throws Exception {
    return elasticsearch.get(g -> g.index(alias).id(id), type).source();
  }

  private record Published(TradingEvent event, long sequence, String messageId) {}

  private List<Published> aFilledSellWithItsFee(String orderId, String account) {
    return List.of(
        new Published(
            new OrderPlaced(
                orderId,
                account,
                "c-1",
                Side.SELL,
                "AAPL",
                10,
                OrderType.LIMIT,
                d("190.00"),
                d("25.00"),
                TimeInForce.DAY,
                null),
            0,
            "m-" + UUID.randomUUID()),
        new Published(
            new FeeCharged(orderId, account, d("1.90"), "standard-v1"),
            0,
            "m-" + UUID.randomUUID()),
        new Published(
            new OrderAccepted(orderId, "AAPL", d("10"), d("1.90")), 1, "m-" + UUID.randomUUID()),
        new Published(new OrderSubmitted(orderId, orderId), 2, "m-" + UUID.randomUUID()),
        new Published(
            new OrderFilled(orderId, "f-1", 4, d("190.10"), 4), 3, "m-" + UUID.randomUUID()),
        new Published(
            new OrderFilled(orderId, "f-2", 6, d("190.20"), 10), 4, "m-" + UUID.randomUUID()),
        // 760.40 + 1,141.20 traded: 1.90 due, all of the hold
        new Published(
            new FeeSettled(orderId, account, d("1.90"), d("0.00"), d("1901.60")),
            1,
            "m-" + UUID.randomUUID()),
        new Published(new OrderCompleted(orderId, 10), 5, "m-" + UUID.randomUUID()));
  }

  private RecordMetadata publishAll(List<Published> events) {
    RecordMetadata last = null;
    Instant at = Instant.parse("2026-11-22T10:00:00Z");
    for (Published p : events) {
      RecordMetadata written = publish(p.event(), p.sequence(), p.messageId(), at);
      at = at.plusSeconds(1);
      if (p.event() instanceof com.example.trading.schemas.OrderEvent) {
        last = written;
      }
    }
    return last;
  }

  @Test
  void orderAndFeeEventsLandInTheCustomerOrderDocument() throws Exception {
    String orderId = UUID.randomUUID().toString();
    String account = "acc-" + UUID.randomUUID();
    awaitApplied(store.alias(orders), publishAll(aFilledSellWithItsFee(orderId, account)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "SETTLED"
                    .equals(
                        document(store.alias(orders), orderId, CustomerOrderDocument.class)
                            .feeStatus));

    CustomerOrderDocument doc = document(store.alias(orders), orderId, CustomerOrderDocument.class);
    assertThat(doc.accountId).isEqualTo(account);
    assertThat(doc.clientOrderId).isEqualTo("c-1");
    assertThat(doc.side).isEqualTo("SELL");
    assertThat(doc.instrument).isEqualTo("AAPL");
    assertThat(doc.type).isEqualTo("LIMIT");
    assertThat(doc.limitPrice).isEqualTo("190.00");
    assertThat(doc.quantity).isEqualTo(10);
    assertThat(doc.filledQuantity).isEqualTo(10);
    assertThat(doc.averagePrice).isEqualTo("190.16");
    assertThat(doc.status).isEqualTo("FILLED");
    assertThat(doc.fee).isEqualTo("1.90");
    assertThat(doc.feeCents).isEqualTo(190);
    assertThat(doc.feeHeld).isEqualTo("1.90");
    assertThat(doc.feePaid).isEqualTo("1.90");
    assertThat(doc.feeRefunded).isEqualTo("0.00");
    assertThat(doc.placedAt).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(doc.updatedAt).isEqualTo("2026-11-22T10:00:07Z");
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::event)
        .containsExactly(
            "OrderPlaced",
            "FeeCharged",
            "OrderAccepted",
            "OrderSubmitted",
            "OrderFilled",
            "OrderFilled",
            "FeeSettled",
            "OrderCompleted");
    assertThat(doc.fills)
        .containsExactly(
            new CustomerOrderDocument.Fill("f-1", 4, "190.10", "2026-11-22T10:00:04Z"),
            new CustomerOrderDocument.Fill("f-2", 6, "190.20", "2026-11-22T10:00:05Z"));
  }

  @Test
  void holdingEventsLandInThePortfolio() throws Exception {
    String account = "acc-" + UUID.randomUUID();
    String shares = account + "/AAPL";
    String cash = account + "/USD";
    publish(
        new HoldingDeposited(shares, account, "AAPL", d("100"), null), 0, "m-" + UUID.randomUUID());
    publish(
        new HoldingReserved(shares, account, "AAPL", "o-1", d("10")), 1, "m-" + UUID.randomUUID());
    publish(
        new HoldingDebited(shares, account, "AAPL", "o-1", "f-1", d("4")),
        2,
        "m-" + UUID.randomUUID());
    RecordMetadata lastShares =
        publish(
            new HoldingReserved(shares, account, "AAPL", "o-2", d("1")),
            3,
            "m-" + UUID.randomUUID());
    publish(
        new HoldingCredited(cash, account, "USD", "o-1", "f-1", d("758.50")),
        0,
        "m-" + UUID.randomUUID());
    RecordMetadata lastCash =
        publish(
            new HoldingReservationReleased(cash, account, "USD", "o-9", d("0")),
            1,
            "m-" + UUID.randomUUID());
    awaitApplied(store.alias(portfolios), lastShares);
    awaitApplied(store.alias(portfolios), lastCash);

    HoldingDocument aapl = document(store.alias(portfolios), shares, HoldingDocument.class);
    assertThat(aapl.quantity).isEqualTo("96");
    assertThat(aapl.reserved).isEqualTo("7");
    assertThat(aapl.available).isEqualTo("89");
    assertThat(aapl.reservations)
        .extracting(HoldingDocument.Reservation::orderId)
        .containsExactly("o-1", "o-2");
    HoldingDocument usd = document(store.alias(portfolios), cash, HoldingDocument.class);
    assertThat(usd.quantity).isEqualTo("758.50");
    assertThat(usd.reserved).isEqualTo("0.00");
  }

  @Test
  void holdingAndFeeEventsAreTheAccountsLedgerWithTheBalanceAfterEachEntry() throws Exception {
    String account = "acc-" + UUID.randomUUID();
    String shares = account + "/AAPL";
    String cash = account + "/USD";
    publish(
        new HoldingDeposited(shares, account, "AAPL", d("100"), "dep-1"),
        0,
        "m-" + UUID.randomUUID());
    publish(
        new HoldingReserved(shares, account, "AAPL", "o-1", d("10")), 1, "m-" + UUID.randomUUID());
    publish(
        new HoldingDebited(shares, account, "AAPL", "o-1", "f-1", d("4")),
        2,
        "m-" + UUID.randomUUID());
    // delivered twice: one entry
    publish(
        new HoldingDebited(shares, account, "AAPL", "o-1", "f-1", d("4")),
        2,
        "m-" + UUID.randomUUID());
    RecordMetadata lastShares =
        publish(
            new HoldingReservationReleased(shares, account, "AAPL", "o-1", d("6")),
            3,
            "m-" + UUID.randomUUID());
    RecordMetadata lastCash =
        publish(
            new HoldingCredited(cash, account, "USD", "o-1", "f-1", d("758.50")),
            0,
            "m-" + UUID.randomUUID());
    publish(new FeeCharged("o-1", account, d("1.90"), "standard-v1"), 0, "m-" + UUID.randomUUID());
    // delivered twice, though no document says how far the order's fee events were applied: one
    // entry, as the entry's id is the fee stream's and the event's sequence
    RecordMetadata lastFee =
        publish(
            new FeeCharged("o-1", account, d("1.90"), "standard-v1"), 0, "m-" + UUID.randomUUID());
    awaitApplied(store.alias(activities), lastShares);
    awaitApplied(store.alias(activities), lastCash);
    awaitApplied(store.alias(activities), lastFee);

    elasticsearch.indices().refresh(r -> r.index(store.alias(activities)));
    List<LedgerDocument> entries =
        elasticsearch
            .search(
                q ->
                    q.index(store.alias(activities))
                        .size(100)
                        .query(
                            b ->
                                b.bool(
                                    f ->
                                        f.filter(
                                                t -> t.term(v -> v.field("kind").value("activity")))
                                            .filter(
                                                t ->
                                                    t.term(
                                                        v -> v.field("accountId").value(account)))))
                        .sort(o -> o.field(f -> f.field("activityId"))),
                LedgerDocument.class)
            .hits()
            .hits()
            .stream()
            .map(h -> h.source())
            .toList();
    assertThat(entries)
        .extracting(e -> e.asset, e -> e.type, e -> e.amount, e -> e.balanceAfter, e -> e.fee)
        .containsExactly(
            tuple("AAPL", "DEPOSIT", "100", "100", null),
            tuple("AAPL", "RESERVED", "0", "100", null),
            tuple("AAPL", "FILL", "-4", "96", null),
            tuple("AAPL", "RELEASED", "0", "96", null),
            tuple("USD", "FILL", "758.50", "758.50", null),
            tuple("USD", "FEE_CHARGED", "0.00", null, "1.90"));
  }

  @Test
  void aProjectionWritesNothingIntoAnIndexOfAnotherVersionOfItsViewAndSaysSoInItsHealth()
      throws Exception {
    String alias = store.alias(accounts);
    String live = store.indexBehindAlias(alias).orElseThrow();
    String older = indexOfThePreviousVersion(elasticsearch, accounts, alias);
    store.swapAlias(alias, live, older);
    try {
      // the projection looks at its index's version again at most every 10 s
      Thread.sleep(11_000);
      String accountId = "acc-" + UUID.randomUUID();
      publish(new AccountOpened(accountId, "cust-1"), 0, "m-" + UUID.randomUUID());

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  json.readTree(OPERATOR.get(port, "/actuator/health").body())
                      .at("/components/projections/details/accounts/refused")
                      .asText()
                      .contains("make replay VIEW=accounts"));
      assertThat(
              json.readTree(OPERATOR.get(port, "/actuator/health").body())
                  .at("/components/projections/status")
                  .asText())
          .isEqualTo("DOWN");
      elasticsearch.indices().refresh(r -> r.index(older));
      assertThat(elasticsearch.count(c -> c.index(older)).count())
          .as("nothing written into the older index")
          .isZero();

      store.swapAlias(alias, older, live);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> elasticsearch.get(g -> g.index(alias).id(accountId), Map.class).found());
      assertThat(
              json.readTree(OPERATOR.get(port, "/actuator/health").body())
                  .at("/components/projections/details/accounts/refused")
                  .isMissingNode())
          .isTrue();
      // Its lag, per partition it reads (topic/partition), as of its consumer's last fetch, each
      // partition once (the client also names its metrics with the topic's dots as underscores).
      var byPartition =
          json.readTree(OPERATOR.get(port, "/actuator/health").body())
              .at("/components/projections/details/accounts/lagEventsByPartition")
              .properties();
      assertThat(byPartition.stream().map(p -> p.getKey().replace('.', '_')).distinct().count())
          .isEqualTo(byPartition.size());
      assertThat(byPartition)
          .isNotEmpty()
          .allSatisfy(
              partition -> {
                assertThat(partition.getKey()).matches(".+/\\d+");
                assertThat(partition.getValue().isIntegralNumber()).isTrue();
              });
    } finally {
      if (store.indexBehindAlias(alias).orElseThrow().equals(older)) {
        store.swapAlias(alias, older, live);
      }
      store.deleteIndex(older);
    }
  }

  @Test
  void theViewsSayEachOnesIndexAndTheLagOfItsConsumerGroupPerPartition() throws Exception {
    String accountId = "acc-" + UUID.randomUUID();
    RecordMetadata written =
        publish(new AccountOpened(accountId, "cust-1"), 0, "m-" + UUID.randomUUID());
    awaitApplied(store, store.alias(accounts), written);
    ObjectMapper json = new ObjectMapper();
    String partition = written.topic() + "/" + written.partition();

    // The group commits after it applied: its committed offset passes the event's.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                accountsIn(json.readTree(OPERATOR.get(port, "/ops/views").body()))
                    .path("partitions")
                    .valueStream()
                    .filter(p -> p.path("partition").asText().equals(partition))
                    .findFirst()
                    .map(p -> p.path("committedOffset").asLong(-1) > written.offset())
                    .orElse(false));
    var view = accountsIn(json.readTree(OPERATOR.get(port, "/ops/views").body()));
    assertThat(view.path("version").asInt()).isEqualTo(accounts.version());
    assertThat(view.path("alias").asText()).isEqualTo(store.alias(accounts));
    assertThat(view.path("index").asText())
        .isEqualTo(store.indexBehindAlias(store.alias(accounts)).orElseThrow());
    assertThat(view.path("consumerGroup").asText()).isEqualTo(PREFIX + "projection.accounts");
    assertThat(view.path("running").asBoolean()).isTrue();
    assertThat(view.path("partitions").valueStream().map(p -> p.path("partition").asText()))
        .contains(partition)
        .allSatisfy(name -> assertThat(name).matches(".+/\\d+"));
    assertThat(
            view.path("partitions")
                .valueStream()
                .mapToLong(p -> p.path("lagEvents").asLong())
                .sum())
        .isEqualTo(view.path("lagEvents").asLong());
    assertThat(TestHttp.asCustomer("cust-1").get(port, "/ops/views").statusCode()).isEqualTo(403);
  }

  private static JsonNode accountsIn(JsonNode views) {
    return views
        .path("views")
        .valueStream()
        .filter(v -> v.path("view").asText().equals("accounts"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eventsDeliveredTwiceLeaveTheSameDocument() throws Exception {
    String orderId = UUID.randomUUID().toString();
    List<Published> events = aFilledSellWithItsFee(orderId, "acc-" + UUID.randomUUID());
    awaitApplied(store.alias(orders), publishAll(events));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "SETTLED"
                    .equals(
                        document(store.alias(orders), orderId, CustomerOrderDocument.class)
                            .feeStatus));
    Map<?, ?> before =
        json.convertValue(document(store.alias(orders), orderId, Map.class), Map.class);

    awaitApplied(store.alias(orders), publishAll(events));
    RecordMetadata lastFee =
        publish(
            events.get(5).event(),
            events.get(5).sequence(),
            events.get(5).messageId(),
            Instant.parse("2026-11-22T10:00:05Z"));
    awaitApplied(store.alias(orders), lastFee);

    assertThat(json.convertValue(document(store.alias(orders), orderId, Map.class), Map.class))
        .isEqualTo(before);
  }

  @Test
  void aPoisonEventIsDeadLetteredAndLaterEventsStillProject() throws Exception {
    String orderId = UUID.randomUUID().toString();
    try (KafkaTail deadLetters =
        KafkaTail.open(
            TestStack.get().kafkaBootstrapServers(),
            PREFIX + ReadModel.deadLetterTopicOf(CustomerOrdersView.NAME))) {
      KafkaTail.send(
          TestStack.get().kafkaBootstrapServers(),
          PREFIX + Topics.ORDER_EVENTS,
          orderId,
          "{not json".getBytes(),
          Map.of(
              "messageId",
              "poison-" + orderId,
              "type",
              "OrderPlaced",
              "revision",
              "1",
              "timestamp",
              Instant.now().toString(),
              Topics.POSITION_HEADER,
              "1",
              Topics.SEQUENCE_HEADER,
              "0"));
      RecordMetadata good =
          publish(
              new OrderPlaced(
                  orderId,
                  "acc-x",
                  "c-1",
                  Side.BUY,
                  "MSFT",
                  1,
                  OrderType.MARKET,
                  null,
                  null,
                  TimeInForce.DAY,
                  null),
              0,
              "m-" + UUID.randomUUID());

      var dead = deadLetters.await(r -> orderId.equals(r.key()), 1, Duration.ofSeconds(60));
      assertThat(header(dead.getFirst(), "messageId")).isEqualTo("poison-" + orderId);
      assertThat(header(dead.getFirst(), "failure")).startsWith("unreadable");
      awaitApplied(store.alias(orders), good);
      assertThat(document(store.alias(orders), orderId, CustomerOrderDocument.class).status)
          .isEqualTo("PENDING");

      // The operator sees it, is told to rebuild the view rather than re-drive it, and discards it.
      String source = "/ops/dead-letters/" + ReadModel.deadLetterTopicOf(CustomerOrdersView.NAME);
      String id = dead.getFirst().partition() + "@" + dead.getFirst().offset();
      var listed = json.readTree(OPERATOR.get(port, source).body()).get("messages");
      assertThat(listed.findValuesAsText("id")).contains(id);
      var redrive =
          OPERATOR.postJson(
              port, source + "/redrive", "{\"reason\":\"fixed\",\"ids\":[\"" + id + "\"]}");
      assertThat(redrive.statusCode()).isEqualTo(409);
      assertThat(redrive.body()).contains("make replay VIEW=" + CustomerOrdersView.NAME);
      var discard =
          OPERATOR.postJson(
              port,
              source + "/discard",
              "{\"reason\":\"malformed test record\",\"ids\":[\"" + id + "\"]}");
      assertThat(json.readTree(discard.body()).at("/results/0/outcome").asText())
          .isEqualTo("DISCARDED");
      assertThat(
              json.readTree(OPERATOR.get(port, source + "?state=discarded").body())
                  .get("messages")
                  .findValuesAsText("id"))
          .contains(id);
    }
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void theLineOfAnEventTheViewCannotApplyNamesItsTraceJourneyAndOrder(CapturedOutput output) {
    String orderId = UUID.randomUUID().toString();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    publish(
        new OrderPlaced(
            orderId,
            "acc-log",
            "c-1",
            Side.BUY,
            "MSFT",
            1,
            OrderType.MARKET,
            null,
            null,
            TimeInForce.DAY,
            null),
        0,
        "m-" + UUID.randomUUID());
    // A fill of nothing: the view cannot compute an average price.
    publish(
        new OrderFilled(orderId, "f-zero", 1, new BigDecimal("1.00"), 0),
        1,
        "m-" + UUID.randomUUID(),
        Instant.now(),
        "00-" + traceId + "-00f067aa0ba902b7-01");

    var line =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    JsonLogLines.containing(output.getOut(), "dead-lettered").stream()
                        .filter(l -> orderId.equals(l.path("orderId").asText()))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    JsonLogLines.assertNames(line, traceId, orderId, orderId, null);
  }
}
