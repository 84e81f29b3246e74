package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query half of API.md, fed by real commands through the whole system. The orders here are
 * placed for accounts without money, so the saga rejects them (INSUFFICIENT_HOLDING) moments after
 * they are placed; what a test reads right after a write is therefore "at least that write".
 */
class QueryApiE2EIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningSystem system;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
  private final String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() {
    system = RunningSystem.get();
  }

  @org.junit.jupiter.api.BeforeEach
  void openTheAccount() {
    system.openAccount(account, customer);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  private JsonNode place(String clientOrderId, String side, String instrument) {
    var response =
        TestHttp.asCustomer(customer)
            .postJson(
                system.commandSide.port(),
                "/api/orders",
                """
        {"accountId":"%s","clientOrderId":"%s","side":"%s","instrument":"%s","quantity":5,"type":"LIMIT",
         "limitPrice":"100.00","maxFee":"5.00"}"""
                    .formatted(account, clientOrderId, side, instrument));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response);
  }

  private int query() {
    return system.querySide.port();
  }

  @Test
  void aPlacedOrderCanBeReadRightAfterThePlacement() {
    JsonNode placed = place("c-1", "BUY", "MSFT");

    var response =
        get(
            query(),
            "/api/orders/"
                + placed.get("orderId").asText()
                + "?minPosition="
                + placed.get("position").asText());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode order = json(response);
    assertThat(order.get("accountId").asText()).isEqualTo(account);
    assertThat(order.get("clientOrderId").asText()).isEqualTo("c-1");
    assertThat(order.get("side").asText()).isEqualTo("BUY");
    assertThat(order.get("instrument").asText()).isEqualTo("MSFT");
    assertThat(order.get("type").asText()).isEqualTo("LIMIT");
    assertThat(order.get("quantity").asLong()).isEqualTo(5);
    assertThat(order.get("filledQuantity").asLong()).isZero();
    // Read-your-writes: at least the placement; the saga may already have rejected it (no money).
    assertThat(order.get("status").asText()).isIn("PENDING", "REJECTED");
    assertThat(order.get("placedAt").asText()).isNotBlank();
    assertThat(order.get("timeline").get(0).get("event").asText()).isEqualTo("OrderPlaced");
  }

  @Test
  void theMinPositionHeaderWorksLikeTheParameterAndCancelIsVisible() {
    postJson(
        system.commandSide.port(),
        "/api/accounts/" + account + "/deposits",
        "{\"asset\":\"USD\",\"quantity\":\"10000.00\"}");
    JsonNode placed = place("c-2", "BUY", "AAPL"); // a limit of 100.00 rests: AAPL trades near 190
    String orderId = placed.get("orderId").asText();
    JsonNode cancel =
        json(postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", ""));

    var response =
        get(query(), "/api/orders/" + orderId + "?minPosition=" + cancel.get("position").asText());

    assertThat(cancel.get("status").asText()).isEqualTo("CANCEL_REQUESTED");
    assertThat(json(response).get("status").asText()).isIn("CANCEL_REQUESTED", "CANCELLED");
  }

  @Test
  void aDepositShowsInThePortfolioRightAway() {
    var deposit =
        json(
            postJson(
                system.commandSide.port(),
                "/api/accounts/" + account + "/deposits",
                "{\"asset\":\"USD\",\"quantity\":\"2500.50\"}"));

    var response =
        get(
            query(),
            "/api/accounts/"
                + account
                + "/portfolio?minPosition="
                + deposit.get("position").asText());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode portfolio = json(response);
    assertThat(portfolio.get("accountId").asText()).isEqualTo(account);
    assertThat(portfolio.get("holdings"))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.get("asset").asText()).isEqualTo("USD");
              assertThat(h.get("quantity").asText()).isEqualTo("2500.50");
              assertThat(h.get("reserved").asText()).isEqualTo("0.00");
              assertThat(h.get("available").asText()).isEqualTo("2500.50");
              assertThat(h.has("marketValue")).isFalse();
            });
    assertThat(portfolio.get("feesPaid").asText()).isEqualTo("0.00");
    assertThat(portfolio.get("position").asText()).isEqualTo(deposit.get("position").asText());
  }

  @Test
  void paginationReturnsEveryOrderExactlyOnceWhileOrdersAreBeingPlaced() throws Exception {
    List<String> placedIds = new ArrayList<>();
    JsonNode last = null;
    for (int i = 0; i < 12; i++) {
      last = place("p-" + i, i % 2 == 0 ? "BUY" : "SELL", "GOOG");
      placedIds.add(last.get("orderId").asText());
    }
    json(
        get(
            query(),
            "/api/accounts/"
                + account
                + "/orders?size=1&minPosition="
                + last.get("position").asText()));

    AtomicBoolean placing = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; placing.get() && i < 50; i++) {
                place("late-" + i, "BUY", "GOOG");
              }
            });
    writer.start();
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/accounts/"
              + account
              + "/orders?instrument=GOOG&size=5"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = json(get(query(), path));
      for (JsonNode item : page.get("items")) {
        assertThat(seen.add(item.get("orderId").asText()))
            .as("returned once: " + item.get("orderId"))
            .isTrue();
        order.add(item.get("placedAt").asText());
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    placing.set(false);
    writer.join();

    assertThat(seen).containsAll(placedIds);
    assertThat(order).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void filtersNarrowTheList() {
    place("f-1", "SELL", "TSLA");
    place("f-2", "BUY", "TSLA");
    place("f-3", "SELL", "AMZN");
    String rejectedTslaSells =
        "/api/accounts/" + account + "/orders?side=SELL&status=REJECTED&instrument=TSLA";
    JsonNode items =
        Eventually.within(
            java.time.Duration.ofSeconds(60),
            () -> {
              JsonNode all =
                  json(get(query(), "/api/accounts/" + account + "/orders?status=REJECTED"))
                      .get("items");
              return all.size() == 3 ? json(get(query(), rejectedTslaSells)).get("items") : null;
            });
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("clientOrderId").asText()).isEqualTo("f-1");
    assertThat(
            json(get(query(), "/api/accounts/" + account + "/orders?status=PENDING")).get("items"))
        .isEmpty();
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThat(get(query(), "/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    var account = get(query(), "/api/accounts/nobody-" + UUID.randomUUID() + "/portfolio");
    assertThat(account.statusCode()).isEqualTo(404);
    assertThat(account.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void badFiltersAreBadRequestsNamingTheParameter() {
    for (String[] bad :
        new String[][] {
          {"status=SLEEPING", "status"},
          {"side=UP", "side"},
          {"size=0", "size"},
          {"size=101", "size"},
          {"from=yesterday", "from"},
          {"cursor=%21%21", "cursor"},
          {"minPosition=nope", "minPosition"},
          {"from=2026-11-22T10:00:00Z&to=2026-11-21T10:00:00Z", "from"}
        }) {
      var response = get(query(), "/api/accounts/" + account + "/orders?" + bad[0]);
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(json(response).get("errors").get(0).get("field").asText())
          .as(bad[0])
          .isEqualTo(bad[1]);
    }
    assertThat(get(query(), "/api/reports/fees?groupBy=planet").statusCode()).isEqualTo(400);
  }

  @Test
  void aPositionTheViewsCannotReachIsAServiceUnavailableWithRetryAfter() {
    var response =
        get(query(), "/api/orders/" + UUID.randomUUID() + "?minPosition=order-0-999999999999");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void theFeeReportAnswersForEveryGrouping() {
    for (String groupBy : new String[] {"instrument", "side", "day"}) {
      var response = get(query(), "/api/reports/fees?groupBy=" + groupBy);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).get("groupBy").asText()).isEqualTo(groupBy);
    }
  }

  @Test
  void aCustomerReadsTheirOwnAccountAndNoOtherCustomerCanTellItExists() {
    JsonNode placed = place("c-own", "BUY", "MSFT");
    String orderId = placed.get("orderId").asText();
    String position = placed.get("position").asText();
    TestHttp.Caller owner = TestHttp.asCustomer(customer);
    TestHttp.Caller stranger = TestHttp.asCustomer(customer + "-stranger");
    List<String> reads =
        List.of(
            "/api/orders/" + orderId + "?minPosition=" + position,
            "/api/accounts/" + account + "/orders?minPosition=" + position,
            "/api/accounts/" + account + "/portfolio?minPosition=" + position);

    for (String read : reads) {
      assertThat(owner.get(query(), read).statusCode()).as("the owner: " + read).isEqualTo(200);
      var refused = stranger.get(query(), read);
      assertThat(refused.statusCode()).as("another customer: " + read).isEqualTo(404);
      assertThat(refused.body()).doesNotContain(customer + "\"");
      assertThat(get(query(), read).statusCode()).as("an operator: " + read).isEqualTo(200);
      assertThat(TestHttp.anonymous().get(query(), read).statusCode())
          .as("no token: " + read)
          .isEqualTo(401);
    }
    var unopened = owner.get(query(), "/api/accounts/acc-never-opened-" + customer + "/portfolio");
    assertThat(unopened.statusCode()).isEqualTo(404);
  }

  @Test
  void aCustomersAccountsAreListedForThemAndTheBackOfficeAndNobodyElse() {
    String second = account + "-savings";
    system.openAccount(second, customer);
    String path = "/api/customers/" + customer + "/accounts";

    JsonNode own = json(TestHttp.asCustomer(customer).get(query(), path));
    assertThat(own.path("customerId").asText()).isEqualTo(customer);
    assertThat(own.path("accounts").findValuesAsText("accountId")).containsExactly(account, second);
    assertThat(own.path("accounts").get(0).path("openedAt").asText()).isNotBlank();
    assertThat(get(query(), path).statusCode()).as("an operator").isEqualTo(200);
    var stranger = TestHttp.asCustomer(customer + "-stranger").get(query(), path);
    assertThat(stranger.statusCode()).as("another customer").isEqualTo(404);
    assertThat(stranger.body()).doesNotContain(account);
    assertThat(TestHttp.anonymous().get(query(), path).statusCode()).isEqualTo(401);
    assertThat(get(query(), "/api/customers/cust-nobody-" + customer + "/accounts").statusCode())
        .isEqualTo(404);
    var invalid = get(query(), "/api/customers/not%20an%20id/accounts");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("customerId");
  }

  @Test
  void theLedgerShowsEveryMovementWithTheBalanceAfterItInPagesAndAsCsv() {
    var deposit =
        json(
            postJson(
                system.commandSide.port(),
                "/api/accounts/" + account + "/deposits",
                "{\"asset\":\"USD\",\"quantity\":\"10000.00\"}"));
    String orderId =
        place("c-ledger", "BUY", "AAPL").get("orderId").asText(); // rests: AAPL trades near 190
    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            "SUBMITTED".equals(json(get(query(), "/api/orders/" + orderId)).path("status").asText())
                ? true
                : null);
    postJson(system.commandSide.port(), "/api/orders/" + orderId + "/cancel", "");
    String ledger = "/api/accounts/" + account + "/activities";
    TestHttp.Caller owner = TestHttp.asCustomer(customer);

    // newest first: the cancel's release and refund, the reservation and the fee held, the deposit
    JsonNode all =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              JsonNode page =
                  json(
                      owner.get(
                          query(), ledger + "?minPosition=" + deposit.get("position").asText()));
              return page.get("items").size() == 5 ? page : null;
            });
    List<JsonNode> items = new ArrayList<>();
    all.get("items").forEach(items::add);
    assertThat(items)
        .extracting(i -> i.get("type").asText())
        .containsExactlyInAnyOrder(
            "DEPOSIT", "RESERVED", "FEE_CHARGED", "RELEASED", "FEE_REFUNDED");
    assertThat(items.getLast().get("type").asText()).isEqualTo("DEPOSIT");
    assertThat(items.getLast().get("amount").asText()).isEqualTo("10000.00");
    assertThat(items.getLast().get("balanceAfter").asText()).isEqualTo("10000.00");
    assertThat(items.getLast().get("depositId").asText()).isNotBlank();
    JsonNode reserved =
        items.stream()
            .filter(i -> i.get("type").asText().equals("RESERVED"))
            .findFirst()
            .orElseThrow();
    assertThat(reserved.get("orderId").asText()).isEqualTo(orderId);
    assertThat(reserved.get("amount").asText()).isEqualTo("0.00");
    assertThat(new BigDecimal(reserved.get("reservedAfter").asText()))
        .isGreaterThan(new BigDecimal("500"));
    JsonNode released =
        items.stream()
            .filter(i -> i.get("type").asText().equals("RELEASED"))
            .findFirst()
            .orElseThrow();
    assertThat(released.get("reservedAfter").asText()).isEqualTo("0.00");
    assertThat(released.get("balanceAfter").asText()).isEqualTo("10000.00");
    JsonNode feeCharged =
        items.stream()
            .filter(i -> i.get("type").asText().equals("FEE_CHARGED"))
            .findFirst()
            .orElseThrow();
    assertThat(feeCharged.get("fee").asText()).isEqualTo("1.00");
    assertThat(feeCharged.get("balanceAfter").isNull()).isTrue();
    assertThat(
            items.stream()
                .map(i -> new BigDecimal(i.get("amount").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .as("the amounts sum to the holding")
        .isEqualByComparingTo("10000.00");

    // pages of two follow the cursor to the same five entries
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          json(
              owner.get(query(), ledger + "?size=2" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.get("items").forEach(i -> paged.add(i.get("activityId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).isEqualTo(items.stream().map(i -> i.get("activityId").asText()).toList());

    assertThat(json(owner.get(query(), ledger + "?type=DEPOSIT")).get("items")).hasSize(1);
    assertThat(
            json(owner.get(query(), ledger + "?type=FEE_CHARGED&type=FEE_REFUNDED&asset=usd"))
                .get("items"))
        .hasSize(2);
    assertThat(json(owner.get(query(), ledger + "?asset=AAPL")).get("items")).isEmpty();
    // One order's entries: its reservation and release, its fee held and refunded; no deposit.
    assertThat(
            json(owner.get(query(), ledger + "?orderId=" + orderId))
                .get("items")
                .findValuesAsText("type"))
        .hasSize(items.size() - 1)
        .contains("RESERVED", "RELEASED")
        .doesNotContain("DEPOSIT");
    assertThat(get(query(), ledger + "?orderId=not-an-order").statusCode()).isEqualTo(400);

    var csv = owner.get(query(), ledger + "?format=csv");
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst())
        .isEqualTo(
            "at,type,asset,amount,balanceAfter,reservedAfter,orderId,fillId,price,quantity,fee,depositId,activityId");
    assertThat(lines).hasSize(6);
    assertThat(lines.getLast())
        .startsWith(
            items.getLast().get("at").asText() + ",DEPOSIT,USD,10000.00,10000.00,0.00,,,,,,")
        .endsWith("," + items.getLast().get("activityId").asText());

    var stranger = TestHttp.asCustomer(customer + "-stranger").get(query(), ledger);
    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(get(query(), ledger).statusCode()).as("an operator").isEqualTo(200);
    var badType = owner.get(query(), ledger + "?type=WITHDRAWAL");
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(badType.body()).contains("\"type\"");
    assertThat(owner.get(query(), ledger + "?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void theFeeReportIsTheBackOfficesOnly() {
    assertThat(TestHttp.asCustomer(customer).get(query(), "/api/reports/fees").statusCode())
        .isEqualTo(403);
    assertThat(get(query(), "/api/reports/fees").statusCode()).isEqualTo(200);
  }

  @Test
  void anOrderIdThatIsNotOneIsInvalid() {
    for (String id : List.of("o-1", "..", "_all", "*")) {
      assertThat(get(query(), "/api/orders/" + id).statusCode()).as(id).isEqualTo(400);
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
