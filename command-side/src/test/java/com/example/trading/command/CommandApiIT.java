package com.example.trading.command;

import static com.example.trading.teststack.TestHttp.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.Topics;
import com.example.trading.command.fee.FeeIds;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeCommand.ChargeFee;
import com.example.trading.schemas.fee.FeeCommand.SettleFee;
import com.example.trading.schemas.order.OrderCommand.RejectOrder;
import com.example.trading.schemas.order.OrderRejectReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The command half of API.md, through HTTP against the real event store. */
class CommandApiIT extends CommandSideIntegrationTest {

  @Autowired
  CommandGateway commands;
  @Autowired
  JdbcTemplate jdbc;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);

  private String order(String clientOrderId, String side, long quantity, String type, String limitPrice) {
    return """
        {"accountId":"%s","clientOrderId":"%s","side":"%s","instrument":"AAPL","quantity":%d,
         "type":"%s","limitPrice":%s,"maxFee":"25.00"}""".formatted(account, clientOrderId, side, quantity, type,
        limitPrice == null ? "null" : "\"" + limitPrice + "\"");
  }

  private HttpResponse<String> place(String body) {
    return postJson(port, "/api/orders", body);
  }

  @Test
  void aDepositIsAcceptedWithAPosition() {
    var response = postJson(port, "/api/accounts/" + account + "/deposits", "{\"asset\":\"USD\",\"quantity\":\"10000.00\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    assertThat(body.get("accountId").asText()).isEqualTo(account);
    assertThat(body.get("asset").asText()).isEqualTo("USD");
    assertThat(PositionToken.parse(body.get("position").asText()).topic()).isEqualTo(Topics.HOLDING_EVENTS);
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
    assertThat(token.position()).isEqualTo(jdbc.queryForObject(
        "select global_index from domain_event_entry where aggregate_identifier = ?", Long.class, orderId));
  }

  @Test
  void placingTheSameOrderAgainAnswersTheSameOrderAndPlacesNoSecond() {
    String first = json(place(order("c-2", "BUY", 5, "LIMIT", "190.25"))).get("orderId").asText();

    var again = place(order("c-2", "BUY", 5, "LIMIT", "190.25"));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("orderId").asText()).isEqualTo(first);
    assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class, first)).isEqualTo(1);
  }

  @Test
  void reusingAClientOrderIdForOtherTermsIsAConflict() {
    place(order("c-3", "BUY", 5, "LIMIT", "190.25"));

    var response = place(order("c-3", "BUY", 6, "LIMIT", "190.25"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void cancellingALiveOrderIsAccepted() {
    String orderId = json(place(order("c-4", "SELL", 10, "MARKET", null))).get("orderId").asText();

    var response = postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("status").asText()).isEqualTo("CANCEL_REQUESTED");
    assertThat(postJson(port, "/api/orders/" + orderId + "/cancel", "").statusCode()).isEqualTo(202);
  }

  @Test
  void anOrderAndItsFeeAreSeparateStreamsThatBothWork() {
    String orderId = json(place(order("c-fee", "SELL", 10, "MARKET", null))).get("orderId").asText();

    commands.sendAndWait(new ChargeFee(orderId, account, Side.SELL, "AAPL", 10, new java.math.BigDecimal("190.00"), null));
    commands.sendAndWait(new SettleFee(orderId));
    var cancel = postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class, FeeIds.of(orderId))).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class, orderId)).isEqualTo(2);
  }

  @Test
  void cancellingAnUnknownOrderIsNotFound() {
    var response = postJson(port, "/api/orders/" + UUID.randomUUID() + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void cancellingAFinishedOrderIsAConflictThatNamesItsStatus() {
    String orderId = json(place(order("c-5", "SELL", 10, "MARKET", null))).get("orderId").asText();
    commands.sendAndWait(new RejectOrder(orderId, OrderRejectReason.INSUFFICIENT_HOLDING, "test"));

    var response = postJson(port, "/api/orders/" + orderId + "/cancel", "");

    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode problem = json(response);
    assertThat(problem.get("detail").asText()).contains("REJECTED");
    assertThat(problem.get("orderStatus").asText()).isEqualTo("REJECTED");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsReadWhetherItsLengthIsDeclaredOrNot() throws Exception {
    String huge = order("c-" + "x".repeat(100_000), "SELL", 1, "MARKET", null);

    HttpResponse<String> declared = place(huge);
    HttpResponse<String> chunked = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    for (HttpResponse<String> response : List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("/problems/request-too-large");
    }
    assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
        Integer.class, "%" + account + "%")).isZero();
  }

  @Test
  void aCommandBodyThatIsNotJsonIsRefusedAsUnsupported() throws Exception {
    String body = order("c-form", "SELL", 1, "MARKET", null);
    for (String contentType : List.of("text/plain", "application/x-www-form-urlencoded")) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(contentType).isEqualTo(415);
    }
    assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
        Integer.class, "%" + account + "%")).isZero();
  }

  private static void assertInvalidField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/validation");
    assertThat(problem.get("errors")).anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(field));
  }

  @Test
  void aNegativeQuantityIsInvalid() {
    assertInvalidField(place(order("c-6", "SELL", -10, "MARKET", null)), "quantity");
  }

  @Test
  void aFractionalQuantityIsInvalid() {
    assertInvalidField(place(order("c-6b", "SELL", 10, "MARKET", null).replace("\"quantity\":10", "\"quantity\":10.5")),
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
    assertInvalidField(place(order("c-10", "SELL", 10, "MARKET", null).replace(account, " ")), "accountId");
  }

  @Test
  void malformedJsonIsABadRequest() {
    var response = place("{\"accountId\": \"acc-1\", ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("type").asText()).isEqualTo("/problems/malformed-json");
  }

  @Test
  void aNegativeDepositIsInvalid() {
    assertInvalidField(postJson(port, "/api/accounts/" + account + "/deposits",
        "{\"asset\":\"AAPL\",\"quantity\":\"-1\"}"), "quantity");
  }

  @Test
  void fractionalSharesCannotBeDeposited() {
    var response = postJson(port, "/api/accounts/" + account + "/deposits", "{\"asset\":\"AAPL\",\"quantity\":\"1.5\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("detail").asText()).contains("whole");
  }

  @Test
  void anInvalidAccountIdInThePathIsInvalid() {
    assertInvalidField(postJson(port, "/api/accounts/bad%20id/deposits", "{\"asset\":\"USD\",\"quantity\":\"1\"}"),
        "accountId");
  }
}
