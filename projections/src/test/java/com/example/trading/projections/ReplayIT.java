package com.example.trading.projections;

import static com.example.trading.schemas.fixtures.OrderTicket.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.example.trading.projections.accounts.AccountsView;
import com.example.trading.projections.activities.AccountActivitiesView;
import com.example.trading.projections.activities.LedgerDocument;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.projections.replay.RebuildReport;
import com.example.trading.projections.replay.RebuildStatus;
import com.example.trading.projections.replay.ReplayCommand;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT extends ProjectionsIntegrationTest {

  @Autowired ObjectProvider<ReplayCommand> replay;
  @Autowired ViewStore store;
  @Autowired ElasticsearchClient elasticsearch;
  @Autowired CustomerOrdersView orders;
  @Autowired PortfoliosView portfolios;
  @Autowired AccountActivitiesView activities;

  @Autowired AccountsView accounts;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StringWriter output = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(replay.getObject());
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    return commandLine.execute(args);
  }

  /** Publishes orders, fees and holdings; answers the last record written to each topic. */
  private List<RecordMetadata> someHistory() {
    Map<String, RecordMetadata> last = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      String orderId = UUID.randomUUID().toString();
      String account = "acc-replay-" + (i % 4);
      List.of(
              publish(
                  new OrderPlaced(
                      orderId,
                      account,
                      "c-" + i,
                      Side.BUY,
                      "AMZN",
                      1 + i,
                      OrderType.MARKET,
                      null,
                      null,
                      TimeInForce.DAY,
                      null),
                  0,
                  "m-" + UUID.randomUUID()),
              publish(
                  new FeeCharged(orderId, account, new BigDecimal("1.00"), "standard-v1"),
                  0,
                  "m-" + UUID.randomUUID()),
              publish(
                  new OrderAccepted(
                      orderId, "USD", new BigDecimal("100.00"), new BigDecimal("1.00")),
                  1,
                  "m-" + UUID.randomUUID()),
              publish(
                  new HoldingDeposited(
                      account + "/USD", account, "USD", new BigDecimal("100.00"), null),
                  2L * i,
                  "m-" + UUID.randomUUID()),
              publish(
                  new HoldingReserved(
                      account + "/USD", account, "USD", orderId, new BigDecimal("10.00")),
                  2L * i + 1,
                  "m-" + UUID.randomUUID()))
          .forEach(
              written ->
                  last.merge(
                      written.topic() + "/" + written.partition(),
                      written,
                      (a, b) -> b.offset() > a.offset() ? b : a));
    }
    return List.copyOf(last.values());
  }

  private void awaitLive(List<RecordMetadata> written) {
    for (RecordMetadata record : written) {
      List<String> aliases =
          switch (contractTopic(record)) {
            case Topics.HOLDING_EVENTS -> List.of(store.alias(portfolios), store.alias(activities));
            case Topics.FEE_EVENTS -> List.of(store.alias(orders), store.alias(activities));
            default -> List.of(store.alias(orders));
          };
      for (String alias : aliases) {
        awaitApplied(store, alias, record);
      }
    }
  }

  private static void assertSameDocuments(
      Map<String, ObjectNode> rebuilt, Map<String, ObjectNode> live) {
    assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
    for (String id : live.keySet()) {
      assertThat(rebuilt.get(id)).as(id).isEqualTo(live.get(id));
    }
  }

  @Test
  void aRebuiltViewEqualsTheLiveOneAndQueriesKeepAnsweringDuringTheRebuild() throws Exception {
    awaitLive(someHistory());
    String ordersBefore = store.indexBehindAlias(store.alias(orders)).orElseThrow();
    Map<String, ObjectNode> liveOrders = documents(elasticsearch, store.alias(orders));
    Map<String, ObjectNode> livePortfolios = documents(elasticsearch, store.alias(portfolios));
    Map<String, ObjectNode> liveActivities = documents(elasticsearch, store.alias(activities));

    AtomicBoolean rebuilding = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String someOrder = liveOrders.keySet().iterator().next();
    Thread reader =
        new Thread(
            () -> {
              while (rebuilding.get()) {
                try {
                  if (elasticsearch
                      .get(g -> g.index(store.alias(orders)).id(someOrder), ObjectNode.class)
                      .found()) {
                    answered.incrementAndGet();
                  } else {
                    failed.incrementAndGet();
                  }
                } catch (Exception e) {
                  failed.incrementAndGet();
                }
              }
            });
    reader.start();
    int exit = run("--view", "all", "--delete-old");
    rebuilding.set(false);
    reader.join();

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString()).contains("ev/s").contains("verify round");
    assertThat(store.indexBehindAlias(store.alias(orders)))
        .isPresent()
        .get()
        .isNotEqualTo(ordersBefore);
    assertSameDocuments(documents(elasticsearch, store.alias(orders)), liveOrders);
    assertSameDocuments(documents(elasticsearch, store.alias(portfolios)), livePortfolios);
    assertSameDocuments(documents(elasticsearch, store.alias(activities)), liveActivities);
    assertThat(liveActivities.values())
        .anyMatch(doc -> "activity".equals(doc.path("kind").asText()));
    assertThat(answered.get()).isPositive();
    assertThat(failed.get()).isZero();
  }

  @Test
  void aRebuildThatFlushesItsBufferManyTimesReadsBackWhatItWroteAndEqualsTheLiveView()
      throws Exception {
    awaitLive(someHistory());
    Map<String, ObjectNode> liveOrders = documents(elasticsearch, store.alias(orders));
    Map<String, ObjectNode> livePortfolios = documents(elasticsearch, store.alias(portfolios));
    Map<String, ObjectNode> liveActivities = documents(elasticsearch, store.alias(activities));

    // Three documents at a time: an order's events meet its document after it was flushed.
    int exit = run("--view", "all", "--buffer", "3", "--delete-old");

    assertThat(exit).as(output.toString()).isZero();
    assertSameDocuments(documents(elasticsearch, store.alias(orders)), liveOrders);
    assertSameDocuments(documents(elasticsearch, store.alias(portfolios)), livePortfolios);
    assertSameDocuments(documents(elasticsearch, store.alias(activities)), liveActivities);
  }

  @Test
  void anEventTheViewCannotApplyIsSkippedByTheRebuildAsByTheLiveProjection() throws Exception {
    List<RecordMetadata> written = new java.util.ArrayList<>(someHistory());
    String orderId = UUID.randomUUID().toString();
    written.add(
        publish(
            order(orderId)
                .account("acc-replay-0")
                .clientOrderId("c-poison")
                .instrument("AMZN")
                .quantity(5)
                .maxFee(null)
                .placed(),
            0,
            "m-" + UUID.randomUUID()));
    // A fill of nothing: the view divides by zero after changing the document in memory.
    written.add(
        publish(
            new OrderFilled(orderId, "f-zero", 1, new BigDecimal("1.00"), 0),
            1,
            "m-" + UUID.randomUUID()));
    written.add(
        publish(
            new OrderAccepted(orderId, "USD", new BigDecimal("100.00"), new BigDecimal("1.00")),
            2,
            "m-" + UUID.randomUUID()));
    awaitLive(written);
    Map<String, ObjectNode> liveOrders = documents(elasticsearch, store.alias(orders));
    assertThat(liveOrders.get(orderId).get("status").asText()).isEqualTo("ACCEPTED");

    int exit = run("--view", "customer-orders", "--buffer", "2", "--delete-old");

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString()).doesNotContain("(0 unreadable");
    assertSameDocuments(documents(elasticsearch, store.alias(orders)), liveOrders);
  }

  @Test
  void aRebuildStartedOverHttpIsFollowedThroughItsChecksToTheAliasSwap() throws Exception {
    awaitLive(someHistory());
    String alias = store.alias(portfolios);
    String live = store.indexBehindAlias(alias).orElseThrow();
    Map<String, ObjectNode> current = documents(elasticsearch, alias);

    JsonNode dryRun =
        followed(startRebuild("portfolios", "{\"reason\": \"check the view\", \"dryRun\": true}"));
    assertThat(dryRun.path("state").asText()).as(dryRun.toString()).isEqualTo("SUCCEEDED");
    assertThat(dryRun.path("outcome").asText()).isEqualTo("VERIFIED_DRY_RUN");
    assertThat(dryRun.path("verification").path("passed").asBoolean()).isTrue();
    assertThat(dryRun.path("aliasSwap").isNull()).isTrue();
    assertThat(store.indexBehindAlias(alias)).hasValue(live);

    JsonNode real =
        followed(startRebuild("portfolios", "{\"reason\": \"new mapping\", \"deleteOld\": true}"));
    assertThat(real.path("state").asText()).as(real.toString()).isEqualTo("SUCCEEDED");
    assertThat(real.path("outcome").asText()).isEqualTo("SWAPPED");
    assertThat(real.path("phase").asText()).isEqualTo("DONE");
    assertThat(real.path("requestedBy").asText()).startsWith("operator:");
    assertThat(real.path("reason").asText()).isEqualTo("new mapping");
    assertThat(real.path("eventsApplied").asLong()).isPositive();
    assertThat(real.path("rules").path("broken").asLong()).isZero();
    assertThat(real.path("rules").path("checked").asLong()).isEqualTo(current.size());
    assertThat(real.path("verification").path("comparedBy").asText()).isEqualTo("CONTENT");
    assertThat(real.path("verification").path("passed").asBoolean()).isTrue();
    String rebuilt = store.indexBehindAlias(alias).orElseThrow();
    assertThat(real.path("aliasSwap").path("from").asText()).isEqualTo(live);
    assertThat(real.path("aliasSwap").path("to").asText()).isEqualTo(rebuilt).isNotEqualTo(live);
    assertThat(real.path("previousIndexDeleted").asBoolean()).isTrue();
    assertSameDocuments(documents(elasticsearch, alias), current);

    JsonNode listed = json(TestHttp.asOperator().get(port, "/ops/views/portfolios/rebuilds"));
    assertThat(listed.path("rebuilds").get(0).path("id").asText())
        .isEqualTo(real.path("id").asText());
    assertThat(listed.path("rebuilds").get(1).path("id").asText())
        .isEqualTo(dryRun.path("id").asText());
  }

  @Test
  void aRebuildRequestThatCannotBeDoneIsRefusedAndSaysWhy() throws Exception {
    TestHttp.Caller operator = TestHttp.asOperator();
    assertThat(
            operator
                .postJson(port, "/ops/views/portfolios/rebuilds", "{\"dryRun\": true}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            operator
                .postJson(
                    port,
                    "/ops/views/portfolios/rebuilds",
                    "{\"reason\": \"x\", \"bufferDocuments\": 0}")
                .body())
        .contains("bufferDocuments");
    HttpResponse<String> unknown =
        operator.postJson(port, "/ops/views/gossip/rebuilds", "{\"reason\": \"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("customer-orders");
    assertThat(operator.get(port, "/ops/views/portfolios/rebuilds/no-such-id").statusCode())
        .isEqualTo(404);
    assertThat(
            TestHttp.asCustomer("cust-rebuild")
                .postJson(port, "/ops/views/portfolios/rebuilds", "{\"reason\": \"x\"}")
                .statusCode())
        .isEqualTo(403);

    elasticsearch.index(
        i ->
            i.index("projection-rebuild-locks")
                .id(store.alias(orders))
                .document(Map.of("alias", store.alias(orders), "host", "other")));
    try {
      HttpResponse<String> locked =
          operator.postJson(port, "/ops/views/customer-orders/rebuilds", "{\"reason\": \"again\"}");
      assertThat(locked.statusCode()).isEqualTo(409);
      assertThat(locked.body()).contains("force");
    } finally {
      elasticsearch.delete(d -> d.index("projection-rebuild-locks").id(store.alias(orders)));
    }
  }

  @Test
  void aRebuildWhoseProcessStoppedReportingShowsAsAbandoned() throws Exception {
    String id = "abandoned-" + UUID.randomUUID();
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
    // As a process left it when it was killed mid-load: running, and silent since.
    elasticsearch.index(
        i ->
            i.index("projection-rebuilds")
                .id(id)
                .document(
                    new RebuildStatus(
                        id,
                        "accounts",
                        store.alias(accounts),
                        false,
                        false,
                        "operator:someone",
                        "killed mid-load",
                        RebuildStatus.State.RUNNING,
                        RebuildReport.Phase.LOADING,
                        longAgo,
                        longAgo,
                        null,
                        store.alias(accounts) + "-rebuilding",
                        null,
                        10,
                        100,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));

    JsonNode status = json(TestHttp.asOperator().get(port, "/ops/views/accounts/rebuilds/" + id));

    assertThat(status.path("state").asText()).isEqualTo("ABANDONED");
    assertThat(status.path("detail").asText()).contains("stopped reporting").contains("force");
    assertThat(TestHttp.asOperator().get(port, "/ops/views/portfolios/rebuilds/" + id).statusCode())
        .as("a rebuild of another view")
        .isEqualTo(404);
  }

  /** Starts a rebuild and answers where to follow it. */
  private String startRebuild(String view, String body) throws Exception {
    HttpResponse<String> started =
        TestHttp.asOperator().postJson(port, "/ops/views/" + view + "/rebuilds", body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(json(started).path("state").asText()).isEqualTo("RUNNING");
    return started.headers().firstValue("Location").orElseThrow();
  }

  /** Follows a rebuild until it ends, and answers how it ended. */
  private JsonNode followed(String location) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              last.set(json(TestHttp.asOperator().get(port, location)));
              return !last.get().path("state").asText().equals("RUNNING");
            });
    return last.get();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /**
   * Last of the class: the broken history it publishes stays on the topics the tests share, and
   * every rebuild after it would refuse the same way (no other class rebuilds).
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aRebuildWhoseDocumentsBreakTheViewsRulesIsNotSwappedIn() throws Exception {
    List<RecordMetadata> written = new java.util.ArrayList<>(someHistory());
    String orderId = UUID.randomUUID().toString();
    written.add(
        publish(
            order(orderId)
                .account("acc-replay-0")
                .clientOrderId("c-overfilled")
                .instrument("AMZN")
                .quantity(1)
                .maxFee(null)
                .placed(),
            0,
            "m-" + UUID.randomUUID()));
    // Two fills of one share on an order of one: a history no aggregate would write.
    written.add(
        publish(
            new OrderFilled(orderId, "f-1", 1, new BigDecimal("1.00"), 1),
            1,
            "m-" + UUID.randomUUID()));
    written.add(
        publish(
            new OrderFilled(orderId, "f-2", 1, new BigDecimal("1.00"), 2),
            2,
            "m-" + UUID.randomUUID()));
    awaitLive(written);
    String live = store.indexBehindAlias(store.alias(orders)).orElseThrow();

    int exit = run("--view", "customer-orders");

    assertThat(exit).as(output.toString()).isEqualTo(5);
    assertThat(output.toString())
        .contains(orderId + ": filled 2 of 1")
        .contains("the alias still points at " + live);
    assertThat(store.indexBehindAlias(store.alias(orders))).contains(live);
  }

  @Test
  void aNewVersionOfAViewIsBuiltByReplayOverAnIndexOfTheOldVersion() throws Exception {
    awaitLive(someHistory());
    String alias = store.alias(portfolios);
    Map<String, ObjectNode> current = documents(elasticsearch, alias);
    // The index as the previous version of the view left it: its documents had no updatedAt.
    Map<String, ObjectNode> previousShape = new HashMap<>();
    current.forEach((id, doc) -> previousShape.put(id, doc.deepCopy().without("updatedAt")));

    replayOverThePreviousVersion(portfolios, previousShape);

    String rebuilt = store.indexBehindAlias(alias).orElseThrow();
    assertThat(store.versionOf(rebuilt)).isEqualTo(portfolios.version());
    assertSameDocuments(documents(elasticsearch, alias), current);
  }

  @Test
  void theLedgerWithoutFeeStreamsIsBuiltOverAnIndexOfTheVersionThatHadThem() throws Exception {
    awaitLive(someHistory());
    String alias = store.alias(activities);
    Map<String, ObjectNode> current = documents(elasticsearch, alias);
    // Version 3 also kept a stream document per order's fees, under the order's id.
    Map<String, ObjectNode> previousShape = new HashMap<>(current);
    current.values().stream()
        .filter(doc -> doc.path("type").asText().startsWith("FEE_"))
        .forEach(
            entry -> {
              String orderId = entry.path("orderId").asText();
              ObjectNode stream = JSON.createObjectNode();
              stream.put("kind", LedgerDocument.STREAM);
              stream.put("stream", orderId);
              stream.put("sequence", 0);
              stream.put("accountId", entry.path("accountId").asText());
              stream.put("asset", "USD");
              previousShape.put(orderId, stream);
            });
    assertThat(previousShape.size()).as("fee streams added").isGreaterThan(current.size());

    replayOverThePreviousVersion(activities, previousShape);

    assertSameDocuments(documents(elasticsearch, alias), current);
  }

  /**
   * Puts an index of the view's previous version holding {@code previousShape} behind its alias in
   * place of the live one, then replays the view over it (the old index deleted), which must
   * succeed comparing the two by count and presence.
   */
  private void replayOverThePreviousVersion(View<?> view, Map<String, ObjectNode> previousShape)
      throws Exception {
    String alias = store.alias(view);
    String live = store.indexBehindAlias(alias).orElseThrow();
    String older = indexOfThePreviousVersion(elasticsearch, view, alias);
    store.overwrite(older, previousShape);
    store.swapAlias(alias, live, older);
    store.deleteIndex(live);

    int exit = run("--view", view.name(), "--delete-old");

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString())
        .contains("holds version " + (view.version() - 1))
        .contains("compared by count and presence");
  }

  @Test
  void aBufferOfNoDocumentsIsRefused() {
    assertThat(run("--view", "customer-orders", "--buffer", "0")).isEqualTo(2);
    assertThat(output.toString()).contains("--buffer must be at least 1");
  }

  @Test
  void aDryRunVerifiesWithoutSwapping() throws Exception {
    awaitLive(someHistory());
    String before = store.indexBehindAlias(store.alias(portfolios)).orElseThrow();

    assertThat(run("--view", "portfolios", "--dry-run")).as(output.toString()).isZero();

    assertThat(output.toString()).contains("dry run");
    assertThat(store.indexBehindAlias(store.alias(portfolios))).hasValue(before);
  }

  @Test
  void anUnknownViewIsRefused() {
    assertThat(run("--view", "gossip")).isEqualTo(2);
    assertThat(output.toString()).contains("unknown view 'gossip'");
  }

  @Test
  void aSecondRebuildOfTheSameViewIsRefusedWhileOneRuns() throws Exception {
    elasticsearch.index(
        i ->
            i.index("projection-rebuild-locks")
                .id(store.alias(orders))
                .document(
                    Map.of(
                        "alias",
                        store.alias(orders),
                        "startedAt",
                        "2026-11-22T10:00:00Z",
                        "host",
                        "other")));
    try {
      assertThat(run("--view", "customer-orders")).as(output.toString()).isEqualTo(4);
      assertThat(output.toString()).contains("already running");
    } finally {
      elasticsearch.delete(d -> d.index("projection-rebuild-locks").id(store.alias(orders)));
    }
  }
}
