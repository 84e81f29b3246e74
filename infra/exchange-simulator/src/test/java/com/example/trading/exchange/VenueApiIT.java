package com.example.trading.exchange;

import static com.example.trading.teststack.TestHttp.get;
import static com.example.trading.teststack.TestHttp.postJson;
import static com.example.trading.teststack.TestHttp.putJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The venue's HTTP API end to end, as the market gateway uses it. Prices stand still (the tick is
 * an hour away), so AAPL stays at its starting 190.00.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"exchange.seed=7", "exchange.tick-interval=1h"})
class VenueApiIT {

  private static final String DEFAULT_SETTINGS =
      """
      {"latencyMs":0,"rejectRate":0,"errorRate":0,"partialFills":false}""";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void journal(DynamicPropertyRegistry registry) {
    TemporaryJournal.register(registry);
  }

  @AfterEach
  void restoreDefaultSettings() {
    assertThat(putSettings(DEFAULT_SETTINGS).statusCode()).isEqualTo(200);
  }

  // --- placing ---

  @Test
  void fillsAMarketOrderAtOnceAndReportsTheFillInTheFeed() {
    long cursor = lastSequence();
    String id = newId();

    HttpResponse<String> response = place(marketOrder(id, "BUY", 10));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.path("venueOrderId").asString()).isEqualTo(id);
    assertThat(answer.path("status").asString()).isEqualTo("ACCEPTED");
    assertThat(answer.has("reason")).isFalse();

    JsonNode order = json(get(port, "/venue/orders/" + id));
    assertThat(order.path("status").asString()).isEqualTo("FILLED");
    assertThat(order.path("filledQuantity").asLong()).isEqualTo(10);
    assertThat(order.path("quantity").asLong()).isEqualTo(10);
    assertThat(order.path("instrument").asString()).isEqualTo("AAPL");
    assertThat(order.path("side").asString()).isEqualTo("BUY");
    assertThat(order.path("type").asString()).isEqualTo("MARKET");

    JsonNode fill = executionsOf(id, cursor).getFirst();
    assertThat(fill.path("type").asString()).isEqualTo("FILL");
    assertThat(fill.path("fillId").asString()).isEqualTo(id + "-F1");
    assertThat(fill.path("quantity").asLong()).isEqualTo(10);
    assertThat(fill.path("price").isString()).as("prices are JSON strings: " + fill).isTrue();
    assertThat(fill.path("price").asString()).matches("19[0-9]\\.\\d\\d");
    assertThat(fill.path("at").asString()).endsWith("Z");
  }

  @Test
  void answersTheSameRequestAgainWithTheSameAnswerAndPlacesNothing() {
    String id = newId();
    HttpResponse<String> first = place(marketOrder(id, "SELL", 5));
    long lastSequence = lastSequence();

    HttpResponse<String> again = place(marketOrder(id, "SELL", 5));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again)).isEqualTo(json(first));
    assertThat(lastSequence()).isEqualTo(lastSequence);
  }

  @Test
  void refusesADifferentRequestUnderAKnownClientOrderIdWith409() {
    String id = newId();
    place(marketOrder(id, "SELL", 5));

    HttpResponse<String> response = place(marketOrder(id, "SELL", 6));

    assertProblem(response, 409, "/problems/client-order-id-reused");
  }

  @Test
  void rejectsOrdersOnTheHaltedInstrumentAndOnUnknownOnes() {
    String halted = newId();
    String unknown = newId();

    JsonNode haltedAnswer =
        json(place(order(halted, "BUY", "HALTED", 1, "MARKET", null, null, null)));
    JsonNode unknownAnswer =
        json(place(order(unknown, "BUY", "NOPE", 1, "MARKET", null, null, null)));

    assertThat(haltedAnswer.path("status").asString()).isEqualTo("REJECTED");
    assertThat(haltedAnswer.path("reason").asString()).isEqualTo("INSTRUMENT_HALTED");
    assertThat(unknownAnswer.path("reason").asString()).isEqualTo("UNKNOWN_INSTRUMENT");
    JsonNode order = json(get(port, "/venue/orders/" + halted));
    assertThat(order.path("status").asString()).isEqualTo("REJECTED");
    assertThat(order.path("reason").asString()).isEqualTo("INSTRUMENT_HALTED");
  }

  @Test
  void rejectsMarketBuyAbovePriceProtection() {
    long cursor = lastSequence();
    String id = newId();

    JsonNode answer = json(place(order(id, "BUY", "AAPL", 10, "MARKET", null, "\"189.99\"", null)));

    assertThat(answer.path("status").asString()).isEqualTo("REJECTED");
    assertThat(answer.path("reason").asString()).isEqualTo("PRICE_PROTECTION");
    JsonNode rejection = executionsOf(id, cursor).getFirst();
    assertThat(rejection.path("type").asString()).isEqualTo("REJECTED");
    assertThat(rejection.path("reason").asString()).isEqualTo("PRICE_PROTECTION");
  }

  @Test
  void acceptsDecimalsAsNumbersToo() {
    String id = newId();

    JsonNode answer = json(place(order(id, "BUY", "AAPL", 10, "MARKET", null, "199.7625", null)));

    assertThat(answer.path("status").asString()).isEqualTo("ACCEPTED");
    assertThat(json(get(port, "/venue/orders/" + id)).path("priceProtection").asString())
        .isEqualTo("199.7625");
  }

  // --- resting, cancelling ---

  @Test
  void restsALimitOrderUntilCancelledAndAnswersARepeatedCancelTheSame() {
    long cursor = lastSequence();
    String id = newId();
    assertThat(json(place(limitOrder(id, "BUY", 10, "100.00"))).path("status").asString())
        .isEqualTo("ACCEPTED");
    JsonNode resting = json(get(port, "/venue/orders/" + id));
    assertThat(resting.path("status").asString()).isEqualTo("ACCEPTED");
    assertThat(resting.path("filledQuantity").asLong()).isZero();
    assertThat(resting.path("limitPrice").asString()).isEqualTo("100.00");
    assertThat(resting.path("expiresAt").asString()).isNotBlank();

    HttpResponse<String> cancel = postJson(port, "/venue/orders/" + id + "/cancel", "");
    HttpResponse<String> again = postJson(port, "/venue/orders/" + id + "/cancel", "");

    assertThat(cancel.statusCode()).isEqualTo(200);
    assertThat(json(cancel).path("status").asString()).isEqualTo("CANCELLED");
    assertThat(json(cancel).path("filledQuantity").asLong()).isZero();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again)).isEqualTo(json(cancel));
    List<JsonNode> executions = executionsOf(id, cursor);
    assertThat(executions).hasSize(1);
    assertThat(executions.getFirst().path("type").asString()).isEqualTo("CANCELLED");
    assertThat(executions.getFirst().path("quantity").asLong()).isEqualTo(10);
    assertThat(json(get(port, "/venue/orders/" + id)).path("status").asString())
        .isEqualTo("CANCELLED");
  }

  @Test
  void refusesToCancelAFilledOrderWith409NamingItsStatus() {
    String id = newId();
    place(marketOrder(id, "BUY", 1));

    HttpResponse<String> response = postJson(port, "/venue/orders/" + id + "/cancel", "");

    JsonNode problem = assertProblem(response, 409, "/problems/order-finished");
    assertThat(problem.path("orderStatus").asString()).isEqualTo("FILLED");
    assertThat(problem.path("detail").asString()).contains("FILLED");
  }

  @Test
  void answers404ForAnUnknownOrder() {
    assertProblem(get(port, "/venue/orders/no-such-order"), 404, "/problems/not-found");
    assertProblem(
        postJson(port, "/venue/orders/no-such-order/cancel", ""), 404, "/problems/not-found");
  }

  // --- validation ---

  @Test
  void answers400ForInvalidOrdersNamingTheField() {
    assertInvalid(order(newId(), "BUY", "AAPL", 0, "MARKET", null, null, null), "quantity");
    assertInvalid(order(newId(), "BUY", "AAPL", 10, "LIMIT", null, null, null), "limitPrice");
    assertInvalid(
        order(newId(), "BUY", "AAPL", 10, "MARKET", "\"190.00\"", null, null), "limitPrice");
    assertInvalid(
        order(newId(), "BUY", "AAPL", 10, "LIMIT", "\"190.00\"", "\"191.00\"", null),
        "priceProtection");
    assertInvalid(
        order(newId(), "BUY", "AAPL", 10, "MARKET", null, null, "\"2030-01-01T00:00:00Z\""),
        "expiresAt");
    assertInvalid(order(newId(), "BUY", "AAPL", 10, "LIMIT", "\"-1\"", null, null), "limitPrice");
    assertInvalid(order(newId(), "BUY", "aapl", 10, "MARKET", null, null, null), "instrument");
    assertInvalid(order("", "BUY", "AAPL", 10, "MARKET", null, null, null), "clientOrderId");
    assertInvalid(order(newId(), "HOLD", "AAPL", 10, "MARKET", null, null, null), "side");
    assertInvalid(
        order(newId(), "BUY", "AAPL", 10, "LIMIT", "\"190.00\"", null, "\"tomorrow\""),
        "expiresAt");
    assertInvalid(
        marketOrder(newId(), "BUY", 10).replace("\"quantity\":10", "\"quantity\":1.5"), "quantity");
    assertInvalid("{\"side\":\"BUY\"}", "clientOrderId");
  }

  @Test
  void answers400ForMalformedJson() {
    assertProblem(place("{not json"), 400, "/problems/malformed-json");
  }

  // --- market data ---

  @Test
  void servesTheReferencePriceOfEveryInstrumentAsDecimalStrings() {
    JsonNode prices = json(get(port, "/venue/prices"));

    assertThat(prices.size()).isEqualTo(5);
    List<String> instruments = new ArrayList<>();
    prices.forEach(
        quote -> {
          instruments.add(quote.path("instrument").asString());
          assertThat(quote.path("price").isString()).isTrue();
          assertThat(quote.path("price").asString()).matches("\\d+\\.\\d\\d");
          assertThat(quote.path("at").asString()).isNotBlank();
        });
    assertThat(instruments).containsExactly("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
    assertThat(json(get(port, "/venue/prices/AAPL")).path("price").asString()).isEqualTo("190.00");
    assertProblem(get(port, "/venue/prices/HALTED"), 404, "/problems/not-found");
  }

  @Test
  void listsEveryInstrumentItKnowsWithItsStatus() {
    JsonNode instruments = json(get(port, "/venue/instruments"));

    List<String> listed = new ArrayList<>();
    instruments.forEach(
        i -> listed.add(i.path("instrument").asString() + " " + i.path("status").asString()));
    assertThat(listed)
        .containsExactly(
            "AAPL TRADING",
            "MSFT TRADING",
            "GOOG TRADING",
            "AMZN TRADING",
            "TSLA TRADING",
            "HALTED HALTED");
  }

  // --- the feed ---

  @Test
  void pagesTheExecutionsFeedInSequenceFromACursor() {
    long cursor = lastSequence();
    for (int i = 0; i < 3; i++) {
      place(marketOrder(newId(), "BUY", 1));
    }

    JsonNode page = json(get(port, "/venue/executions?after=" + cursor + "&limit=2"));

    assertThat(page.path("executions").size()).isEqualTo(2);
    assertThat(page.path("executions").get(0).path("sequence").asLong()).isEqualTo(cursor + 1);
    assertThat(page.path("executions").get(1).path("sequence").asLong()).isEqualTo(cursor + 2);
    assertThat(page.path("lastSequence").asLong()).isEqualTo(cursor + 2);
    JsonNode rest = json(get(port, "/venue/executions?after=" + (cursor + 2) + "&limit=100"));
    assertThat(rest.path("executions").get(0).path("sequence").asLong()).isEqualTo(cursor + 3);
    JsonNode nothingNew = json(get(port, "/venue/executions?after=" + lastSequence()));
    assertThat(nothingNew.path("executions").size()).isZero();
    assertThat(nothingNew.path("lastSequence").asLong()).isEqualTo(lastSequence());
  }

  @Test
  void answers400ForAnInvalidCursorOrLimit() {
    assertProblem(get(port, "/venue/executions?after=-1"), 400, "/problems/validation");
    assertProblem(get(port, "/venue/executions?limit=0"), 400, "/problems/validation");
    assertThat(get(port, "/venue/executions?after=abc").statusCode()).isEqualTo(400);
  }

  // --- resilience settings ---

  @Test
  void servesAndReplacesTheSettings() {
    JsonNode defaults = json(get(port, "/venue/settings"));
    assertThat(defaults.path("latencyMs").asInt()).isZero();
    assertThat(defaults.path("partialFills").asBoolean()).isFalse();

    HttpResponse<String> replaced =
        putSettings(
            """
        {"latencyMs":5,"rejectRate":0.25,"errorRate":0,"partialFills":true}""");

    assertThat(replaced.statusCode()).isEqualTo(200);
    JsonNode current = json(get(port, "/venue/settings"));
    assertThat(current.path("latencyMs").asInt()).isEqualTo(5);
    assertThat(current.path("rejectRate").asDouble()).isEqualTo(0.25);
    assertThat(current.path("partialFills").asBoolean()).isTrue();
  }

  @Test
  void answers400ForInvalidSettings() {
    assertProblem(
        putSettings(
            """
        {"latencyMs":0,"rejectRate":1.5,"errorRate":0,"partialFills":false}"""),
        400,
        "/problems/validation");
    assertProblem(
        putSettings(
            """
        {"latencyMs":0,"rejectRate":0}"""),
        400,
        "/problems/validation");
    assertThat(json(get(port, "/venue/settings")).path("rejectRate").asDouble()).isZero();
  }

  @Test
  void answers503WithoutDoingAnythingAtErrorRateOne() {
    String id = newId();
    putSettings(
        """
        {"latencyMs":0,"rejectRate":0,"errorRate":1,"partialFills":false}""");

    HttpResponse<String> response = place(marketOrder(id, "BUY", 1));

    assertProblem(response, 503, "/problems/venue-unavailable");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(get(port, "/venue/orders/" + id).statusCode()).isEqualTo(503);
    assertThat(get(port, "/venue/prices/AAPL").statusCode()).isEqualTo(200);
    putSettings(DEFAULT_SETTINGS);
    assertThat(get(port, "/venue/orders/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void delaysTheAnswerByTheLatencyAfterActing() {
    putSettings(
        """
        {"latencyMs":400,"rejectRate":0,"errorRate":0,"partialFills":false}""");
    String id = newId();

    long started = System.nanoTime();
    HttpResponse<String> response = place(marketOrder(id, "BUY", 1));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asString()).isEqualTo("ACCEPTED");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void rejectsAtRandomAtRejectRateOne() {
    putSettings(
        """
        {"latencyMs":0,"rejectRate":1,"errorRate":0,"partialFills":false}""");

    JsonNode answer = json(place(marketOrder(newId(), "BUY", 1)));

    assertThat(answer.path("reason").asString()).isEqualTo("RANDOM_REJECT");
  }

  @Test
  void splitsMarketOrdersIntoPartialFillsThatSumToTheQuantity() {
    putSettings(
        """
        {"latencyMs":0,"rejectRate":0,"errorRate":0,"partialFills":true}""");
    long cursor = lastSequence();
    String id = newId();

    place(marketOrder(id, "SELL", 10));

    List<JsonNode> fills = executionsOf(id, cursor);
    assertThat(fills).hasSizeBetween(2, 3);
    assertThat(fills.stream().mapToLong(f -> f.path("quantity").asLong()).sum()).isEqualTo(10);
    assertThat(fills).extracting(f -> f.path("fillId").asString()).doesNotHaveDuplicates();
  }

  @Test
  void publishesOrderFillAndPriceMetrics() {
    place(marketOrder(newId(), "BUY", 1));

    String metrics = get(port, "/actuator/prometheus").body();

    assertThat(metrics)
        .contains("exchange_orders_received_total{")
        .contains("exchange_fills_total{")
        .contains("exchange_price{");
  }

  @Test
  void replacesARestingOrderIdempotentlyAndRefusesWhatItCannotTake() {
    String id = newId();
    place(limitOrder(id, "BUY", 10, "100.00"));
    String replace = "{\"replaceId\":\"" + id + ":r1\",\"quantity\":12,\"limitPrice\":\"101.00\"}";

    HttpResponse<String> replaced = putJson(port, "/venue/orders/" + id, replace);

    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(json(replaced).path("quantity").asLong()).isEqualTo(12);
    assertThat(json(replaced).path("limitPrice").asString()).isEqualTo("101.00");
    assertThat(json(putJson(port, "/venue/orders/" + id, replace))).isEqualTo(json(replaced));
    assertProblem(
        putJson(
            port,
            "/venue/orders/" + id,
            "{\"replaceId\":\"" + id + ":r2\",\"quantity\":12,\"stopPrice\":\"1.00\"}"),
        400,
        "/problems/invalid-replace");
    assertProblem(putJson(port, "/venue/orders/nope-" + id, replace), 404, "/problems/not-found");
    postJson(port, "/venue/orders/" + id + "/cancel", "{}");
    JsonNode refused =
        assertProblem(
            putJson(
                port,
                "/venue/orders/" + id,
                "{\"replaceId\":\"" + id + ":r3\",\"quantity\":13,\"limitPrice\":\"101.00\"}"),
            409,
            "/problems/replace-refused");
    assertThat(refused.path("orderStatus").asString()).isEqualTo("CANCELLED");
  }

  // --- helpers ---

  private static String newId() {
    return "it-" + UUID.randomUUID();
  }

  private static String marketOrder(String id, String side, long quantity) {
    return order(id, side, "AAPL", quantity, "MARKET", null, null, null);
  }

  private static String limitOrder(String id, String side, long quantity, String limitPrice) {
    return order(id, side, "AAPL", quantity, "LIMIT", "\"" + limitPrice + "\"", null, null);
  }

  /**
   * An order body; the optional values are raw JSON (e.g. a quoted decimal) or null to leave them
   * out.
   */
  private static String order(
      String id,
      String side,
      String instrument,
      long quantity,
      String type,
      String limitPrice,
      String priceProtection,
      String expiresAt) {
    return """
        {"clientOrderId":"%s","side":"%s","instrument":"%s","quantity":%d,"type":"%s"%s%s%s}"""
        .formatted(
            id,
            side,
            instrument,
            quantity,
            type,
            limitPrice == null ? "" : ",\"limitPrice\":" + limitPrice,
            priceProtection == null ? "" : ",\"priceProtection\":" + priceProtection,
            expiresAt == null ? "" : ",\"expiresAt\":" + expiresAt);
  }

  private HttpResponse<String> place(String body) {
    return postJson(port, "/venue/orders", body);
  }

  private long lastSequence() {
    long cursor = 0;
    while (true) {
      JsonNode page = json(get(port, "/venue/executions?limit=1000&after=" + cursor));
      if (page.path("executions").isEmpty()) {
        return cursor;
      }
      cursor = page.path("lastSequence").asLong();
    }
  }

  private List<JsonNode> executionsOf(String id, long after) {
    List<JsonNode> found = new ArrayList<>();
    json(get(port, "/venue/executions?limit=1000&after=" + after))
        .path("executions")
        .forEach(
            execution -> {
              if (execution.path("venueOrderId").asString().equals(id)) {
                found.add(execution);
              }
            });
    return found;
  }

  private HttpResponse<String> putSettings(String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/venue/settings"))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(body))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void assertInvalid(String body, String field) {
    JsonNode problem = assertProblem(place(body), 400, "/problems/validation");
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
    assertThat(fields).as(body + " → " + problem).contains(field);
  }

  private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            contentType -> assertThat(contentType).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.path("type").asString()).isEqualTo(type);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    return problem;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
