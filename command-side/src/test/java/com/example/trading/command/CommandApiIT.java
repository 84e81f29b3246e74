package com.example.trading.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.command.fee.FeeIds;
import com.example.trading.schemas.FeeCommand.ChargeFee;
import com.example.trading.schemas.FeeCommand.SettleFee;
import com.example.trading.schemas.OrderCommand.RejectOrder;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.order.OrderRejectReason;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The command half of API.md, through HTTP against the real event store. */
class CommandApiIT extends CommandSideIntegrationTest {

  @Autowired CommandGateway commands;
  @Autowired JdbcTemplate jdbc;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
  private final String customer = TestStack.uniqueName("cust");

  @BeforeEach
  void openTheAccount() {
    assertThat(openAccount(account, customer).statusCode()).isEqualTo(201);
  }

  private String order(
      String clientOrderId, String side, long quantity, String type, String limitPrice) {
    return """
        {"accountId":"%s","clientOrderId":"%s","side":"%s","instrument":"AAPL","quantity":%d,
         "type":"%s","limitPrice":%s,"maxFee":"25.00"}"""
        .formatted(
            account,
            clientOrderId,
            side,
            quantity,
            type,
            limitPrice == null ? "null" : "\"" + limitPrice + "\"");
  }

  private HttpResponse<String> place(String body) {
    return OPERATOR.postJson(port, "/api/orders", body);
  }

  @Test
  void aDepositIsAcceptedWithAPosition() {
    var response = deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"10000.00\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    assertThat(body.get("accountId").asText()).isEqualTo(account);
    assertThat(body.get("asset").asText()).isEqualTo("USD");
    assertThat(PositionToken.parse(body.get("position").asText()).topic())
        .isEqualTo(Topics.HOLDING_EVENTS);
  }

  @Test
  void aPlacedOrderIsAcceptedAsPendingWithItsLocation() {
    var response = place(order("c-1", "SELL", 10, "MARKET", null));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    String orderId = body.get("orderId").asText();
    assertThat(body.get("status").asText()).isEqualTo("PENDING");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + orderId);
    PositionToken token = PositionToken.parse(body.get("position").asText());
    assertThat(token.topic()).isEqualTo(Topics.ORDER_EVENTS);
    assertThat(token.position())
        .isEqualTo(
            jdbc.queryForObject(
                "select global_index from domain_event_entry where aggregate_identifier = ?",
                Long.class,
                orderId));
  }

  @Test
  void placingTheSameOrderAgainAnswersTheSameOrderAndPlacesNoSecond() {
    String first = json(place(order("c-2", "BUY", 5, "LIMIT", "190.25"))).get("orderId").asText();

    var again = place(order("c-2", "BUY", 5, "LIMIT", "190.25"));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("orderId").asText()).isEqualTo(first);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                first))
        .isEqualTo(1);
  }

  @Test
  void reusingAClientOrderIdForOtherTermsIsAConflict() {
    place(order("c-3", "BUY", 5, "LIMIT", "190.25"));

    var response = place(order("c-3", "BUY", 6, "LIMIT", "190.25"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void cancellingALiveOrderIsAccepted() {
    String orderId = json(place(order("c-4", "SELL", 10, "MARKET", null))).get("orderId").asText();

    var response = OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("status").asText()).isEqualTo("CANCEL_REQUESTED");
    assertThat(OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", "").statusCode())
        .isEqualTo(202);
  }

  @Test
  void anOperatorsCancelWithAReasonIsRecordedWithWhoAskedAndABlankReasonIsRefused() {
    String orderId = json(place(order("c-4r", "SELL", 10, "MARKET", null))).get("orderId").asText();
    String path = "/api/orders/" + orderId + "/cancel";

    var blank = OPERATOR.postJson(port, path, "{\"reason\":\"   \"}");
    assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
    assertThat(blank.body()).contains("reason");
    var tooLong = OPERATOR.postJson(port, path, "{\"reason\":\"" + "x".repeat(501) + "\"}");
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);

    var response = OPERATOR.postJson(port, path, "{\"reason\":\" the customer asked by phone \"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response).get("status").asText()).isEqualTo("CANCEL_REQUESTED");
    assertThat(
            jdbc.queryForObject(
                """
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%OrderCancellationRequested'""",
                String.class, orderId))
        .contains("\"requestedBy\":\"operator:")
        .contains("\"reason\":\"the customer asked by phone\"");
  }

  @Test
  void anOrderAndItsFeeAreSeparateStreamsThatBothWork() {
    String orderId =
        json(place(order("c-fee", "SELL", 10, "MARKET", null))).get("orderId").asText();

    commands.sendAndWait(
        new ChargeFee(
            orderId,
            account,
            Side.SELL,
            "AAPL",
            10,
            new java.math.BigDecimal("190.00"),
            null,
            "standard-v1"));
    commands.sendAndWait(
        new SettleFee(
            orderId, new java.math.BigDecimal("1.90"), new java.math.BigDecimal("1900.00")));
    var cancel = OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                FeeIds.of(orderId)))
        .isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                orderId))
        .isEqualTo(2);
  }

  @Test
  void cancellingAnUnknownOrderIsNotFound() {
    var response = OPERATOR.postJson(port, "/api/orders/" + UUID.randomUUID() + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void replacingAnOrderNotWorkingAtTheVenueIsAConflictThatNamesItsStatus() {
    String orderId =
        json(place(order("c-6", "SELL", 10, "LIMIT", "190.00"))).get("orderId").asText();

    var pending = OPERATOR.patchJson(port, "/api/orders/" + orderId, "{\"quantity\":12}");
    commands.sendAndWait(new RejectOrder(orderId, OrderRejectReason.INSUFFICIENT_HOLDING, "test"));
    var finished = OPERATOR.patchJson(port, "/api/orders/" + orderId, "{\"quantity\":12}");
    var unknown = OPERATOR.patchJson(port, "/api/orders/" + UUID.randomUUID(), "{\"quantity\":12}");
    var empty = OPERATOR.patchJson(port, "/api/orders/" + orderId, "{}");

    assertThat(pending.statusCode()).as(pending.body()).isEqualTo(409);
    assertThat(json(pending).get("orderStatus").asText()).isEqualTo("PENDING");
    assertThat(json(pending).get("detail").asText()).contains("not working at the venue yet");
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(409);
    assertThat(json(finished).get("orderStatus").asText()).isEqualTo("REJECTED");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertInvalidField(empty, "terms");
  }

  @Test
  void cancellingAFinishedOrderIsAConflictThatNamesItsStatus() {
    String orderId = json(place(order("c-5", "SELL", 10, "MARKET", null))).get("orderId").asText();
    commands.sendAndWait(new RejectOrder(orderId, OrderRejectReason.INSUFFICIENT_HOLDING, "test"));

    var response = OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode problem = json(response);
    assertThat(problem.get("detail").asText()).contains("REJECTED");
    assertThat(problem.get("orderStatus").asText()).isEqualTo("REJECTED");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsReadWhetherItsLengthIsDeclaredOrNot() throws Exception {
    String huge = order("c-" + "x".repeat(100_000), "SELL", 1, "MARKET", null);

    HttpResponse<String> declared = place(huge);
    HttpResponse<String> chunked =
        OPERATOR.send(
            OPERATOR
                .request(port, "/api/orders")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));

    for (HttpResponse<String> response : List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("/problems/request-too-large");
    }
    assertThat(storedEventsMentioning(account)).isZero();
  }

  @Test
  void aCommandBodyThatIsNotJsonIsRefusedAsUnsupported() throws Exception {
    String body = order("c-form", "SELL", 1, "MARKET", null);
    for (String contentType : List.of("text/plain", "application/x-www-form-urlencoded")) {
      HttpResponse<String> response =
          OPERATOR.send(
              OPERATOR
                  .request(port, "/api/orders")
                  .header("Content-Type", contentType)
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(response.statusCode()).as(contentType + ": " + response.body()).isEqualTo(415);
    }
    assertThat(storedEventsMentioning(account)).isZero();
  }

  private static void assertInvalidField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/validation");
    assertThat(problem.get("errors"))
        .anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(field));
  }

  @Test
  void aNegativeQuantityIsInvalid() {
    assertInvalidField(place(order("c-6", "SELL", -10, "MARKET", null)), "quantity");
  }

  @Test
  void aFractionalQuantityIsInvalid() {
    assertInvalidField(
        place(
            order("c-6b", "SELL", 10, "MARKET", null)
                .replace("\"quantity\":10", "\"quantity\":10.5")),
        "quantity");
  }

  @Test
  void aLimitOrderWithoutPriceIsInvalid() {
    assertInvalidField(place(order("c-7", "BUY", 10, "LIMIT", null)), "limitPrice");
  }

  @Test
  void aMarketOrderWithAPriceIsInvalid() {
    assertInvalidField(place(order("c-8", "BUY", 10, "MARKET", "10.00")), "limitPrice");
  }

  @Test
  void anUnknownSideIsInvalid() {
    assertInvalidField(place(order("c-9", "SIDEWAYS", 10, "MARKET", null)), "side");
  }

  @Test
  void aBlankAccountIsInvalid() {
    assertInvalidField(
        place(order("c-10", "SELL", 10, "MARKET", null).replace(account, " ")), "accountId");
  }

  @Test
  void malformedJsonIsABadRequest() {
    var response = place("{\"accountId\": \"acc-1\", ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("type").asText()).isEqualTo("/problems/malformed-json");
  }

  @Test
  void aNegativeDepositIsInvalid() {
    assertInvalidField(
        deposit(OPERATOR, account, "{\"asset\":\"AAPL\",\"quantity\":\"-1\"}"), "quantity");
  }

  @Test
  void fractionalSharesCannotBeDeposited() {
    var response = deposit(OPERATOR, account, "{\"asset\":\"AAPL\",\"quantity\":\"1.5\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("detail").asText()).contains("whole");
  }

  @Test
  void anInvalidAccountIdInThePathIsInvalid() {
    assertInvalidField(
        deposit(OPERATOR, "bad%20id", "{\"asset\":\"USD\",\"quantity\":\"1\"}"), "accountId");
  }

  @Test
  void anOrderIdThatIsNotOneIsInvalidBeforeAnythingIsRead() {
    for (String id : List.of("abc", "..", "FEE-1", "*")) {
      assertThat(OPERATOR.postJson(port, "/api/orders/" + id + "/cancel", "").statusCode())
          .as(id)
          .isEqualTo(400);
    }
  }

  // --- accounts and who may act on them (API.md "Identity and authorization") ---

  @Test
  void openingAnAccountAgainForItsCustomerIs200AndForAnotherCustomer409() {
    var again = openAccount(account, customer);
    var taken = openAccount(account, customer + "-other");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("customerId").asText()).isEqualTo(customer);
    assertThat(PositionToken.parse(json(again).get("position").asText()).topic())
        .isEqualTo(Topics.ACCOUNT_EVENTS);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(json(taken).get("type").asText())
        .isEqualTo("/problems/account-owned-by-another-customer");
  }

  @Test
  void aCustomerCannotOpenAccountsNorDeposit() {
    TestHttp.Caller owner = TestHttp.asCustomer(customer);

    assertThat(
            owner
                .postJson(
                    port,
                    "/api/accounts",
                    "{\"accountId\":\"" + account + "-2\",\"customerId\":\"" + customer + "\"}")
                .statusCode())
        .isEqualTo(403);
    var deposit = deposit(owner, account, "{\"asset\":\"USD\",\"quantity\":\"1\"}");
    assertThat(deposit.statusCode()).isEqualTo(403);
    assertThat(json(deposit).get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(storedEventsMentioning(account + "/USD")).isZero();
  }

  @Test
  void anAccountThatWasNeverOpenedDoesNotExist() {
    String unopened = "acc-never-" + UUID.randomUUID().toString().substring(0, 8);

    var placement = place(order("c-none", "SELL", 1, "MARKET", null).replace(account, unopened));
    var deposit = deposit(OPERATOR, unopened, "{\"asset\":\"USD\",\"quantity\":\"1\"}");

    assertThat(placement.statusCode()).isEqualTo(404);
    assertThat(deposit.statusCode()).isEqualTo(404);
    assertThat(storedEventsMentioning(unopened)).isZero();
  }

  @Test
  void aCustomerTradesTheirOwnAccountAndCannotTouchAnothers() {
    TestHttp.Caller owner = TestHttp.asCustomer(customer);
    TestHttp.Caller stranger = TestHttp.asCustomer(customer + "-stranger");

    var placed = owner.postJson(port, "/api/orders", order("c-own", "SELL", 1, "MARKET", null));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    String orderId = json(placed).get("orderId").asText();

    var foreignPlacement =
        stranger.postJson(port, "/api/orders", order("c-foreign", "SELL", 1, "MARKET", null));
    var foreignCancel = stranger.postJson(port, "/api/orders/" + orderId + "/cancel", "");
    var foreignReplace = stranger.patchJson(port, "/api/orders/" + orderId, "{\"quantity\":2}");
    assertThat(foreignPlacement.statusCode()).isEqualTo(404);
    assertThat(foreignCancel.statusCode()).isEqualTo(404);
    assertThat(foreignReplace.statusCode()).isEqualTo(404);
    assertThat(json(foreignReplace).get("detail").asText()).doesNotContain(account);
    assertThat(json(foreignCancel).get("detail").asText()).doesNotContain(account);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                orderId))
        .as("the stranger's cancel and replace stored nothing")
        .isEqualTo(1);

    assertThat(owner.postJson(port, "/api/orders/" + orderId + "/cancel", "").statusCode())
        .isEqualTo(202);
  }

  @Test
  void everyStoredEventNamesWhoCausedIt() {
    String orderId =
        json(TestHttp.asCustomer(customer)
                .postJson(port, "/api/orders", order("c-who", "SELL", 1, "MARKET", null)))
            .get("orderId")
            .asText();
    OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", "");

    List<String> principals =
        jdbc.queryForList(
            "select convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' "
                + "from domain_event_entry where aggregate_identifier = ? order by sequence_number",
            String.class,
            orderId);
    assertThat(principals).containsExactly("customer:" + customer, "operator:trading-operator");
    assertThat(
            jdbc.queryForObject(
                "select convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' "
                    + "from domain_event_entry where aggregate_identifier = ?",
                String.class,
                account + "/account"))
        .isEqualTo("operator:trading-operator");
  }

  /** Stored events that name {@code text}, but for the opening of the test's account. */
  private int storedEventsMentioning(String text) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ? "
            + "and aggregate_identifier <> ?",
        Integer.class,
        "%" + text + "%",
        account + "/account");
  }

  private HttpResponse<String> deposit(TestHttp.Caller caller, String accountId, String body) {
    return deposit(caller, accountId, body, UUID.randomUUID().toString());
  }

  private HttpResponse<String> deposit(
      TestHttp.Caller caller, String accountId, String body, String idempotencyKey) {
    return caller.postJson(
        port, "/api/accounts/" + accountId + "/deposits", body, "Idempotency-Key", idempotencyKey);
  }

  private int storedDeposits(String holdingId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ? "
            + "and payload_type like '%HoldingDeposited'",
        Integer.class, holdingId);
  }

  // --- deposits are idempotent on their Idempotency-Key ---

  @Test
  void aDepositRepeatedWithItsKeyIsAnsweredAgainAndAppliedOnce() {
    String key = "dep-" + UUID.randomUUID();

    var first = deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"10\"}", key);
    var again = deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"10.00\"}", key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).get("asset").asText()).isEqualTo("USD");
    assertThat(storedDeposits(account + "/USD")).isEqualTo(1);
  }

  @Test
  void aKeyUsedForOtherTermsIsAConflictAndAppliesNothing() {
    String key = "dep-" + UUID.randomUUID();
    assertThat(
            deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"10\"}", key).statusCode())
        .isEqualTo(202);

    var otherQuantity = deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"11\"}", key);
    var otherAsset = deposit(OPERATOR, account, "{\"asset\":\"AAPL\",\"quantity\":\"10\"}", key);

    assertThat(otherQuantity.statusCode()).isEqualTo(409);
    assertThat(json(otherQuantity).get("type").asText())
        .isEqualTo("/problems/idempotency-key-reused");
    assertThat(otherAsset.statusCode()).isEqualTo(409);
    assertThat(storedDeposits(account + "/USD")).isEqualTo(1);
    assertThat(storedDeposits(account + "/AAPL")).isZero();
  }

  @Test
  void aDepositWithoutAValidKeyIsInvalidAndStoresNothing() {
    var missing =
        OPERATOR.postJson(
            port,
            "/api/accounts/" + account + "/deposits",
            "{\"asset\":\"USD\",\"quantity\":\"1\"}");
    assertInvalidField(missing, "Idempotency-Key");
    for (String bad : List.of("x".repeat(65), "with space", "")) {
      assertInvalidField(
          deposit(OPERATOR, account, "{\"asset\":\"USD\",\"quantity\":\"1\"}", bad),
          "Idempotency-Key");
    }
    assertThat(storedEventsMentioning(account)).isZero();
  }

  @Test
  void concurrentRetriesOfOneDepositApplyItOnce() throws Exception {
    String key = "dep-" + UUID.randomUUID();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> deposit(OPERATOR, account, "{\"asset\":\"AAPL\",\"quantity\":\"7\"}", key)));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var answer : answers) {
        statuses.add(answer.get().statusCode());
      }
      assertThat(statuses).containsOnly(202, 200);
      assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedDeposits(account + "/AAPL")).isEqualTo(1);
  }
}
