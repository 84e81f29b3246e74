package com.example.trading.saga.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.saga.market.MarketCommand.CancelAtMarket;
import com.example.trading.saga.market.MarketCommand.RequestReferencePrice;
import com.example.trading.saga.market.MarketCommand.SubmitToMarket;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The market gateway against the real exchange simulator (started from its runnable jar): what the
 * saga asks is queued in its transaction, the venue is called outside it, and every answer and
 * execution becomes exactly one event in the saga's event store.
 */
@SpringBootTest
class MarketGatewayIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static ServiceProcess venue;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) throws IOException {
    Path journal = Files.createTempDirectory("exchange-journal");
    venue =
        ServiceProcess.of(
                ServiceProcess.runnableJarIn(Path.of("../infra/exchange-simulator")),
                Map.of("EXCHANGE_JOURNAL_DIR", journal.toString()))
            .start();
    SagaTestSupport.register(registry, "http://127.0.0.1:" + venue.port());
    registry.add("trading.market.requeue-backoff", () -> "200ms");
    registry.add("trading.market.breaker-open-for", () -> "1s");
  }

  @AfterAll
  static void stopVenue() {
    if (venue != null) {
      venue.close();
    }
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired CommandGateway commands;
  @Autowired CircuitBreakerRegistry breakers;

  @AfterEach
  void calmVenue() {
    settings(0, 0.0, 0.0, false);
  }

  void ask(Object... requests) {
    transaction.executeWithoutResult(
        status -> {
          for (Object request : requests) {
            commands.sendAndWait(request);
          }
        });
  }

  /**
   * Asks for {@code submission} with its request's {@code timestamp} column set to 25 hours ago
   * (longer than the 24 h a DAY order rests), in the transaction that queues it.
   */
  void askWith25HoursAgo(SubmitToMarket submission, String timestamp) {
    transaction.executeWithoutResult(
        status -> {
          commands.sendAndWait(submission);
          jdbc.update(
              "update market_request set "
                  + timestamp
                  + " = now() - interval '25 hours' where order_id = ?",
              submission.orderId());
        });
  }

  /** The market events recorded for an order, in store order: simple type name → payload. */
  List<Map.Entry<String, JsonNode>> eventsOf(String orderId) {
    List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
    jdbc.query(
        """
        select payload_type, convert_from(payload, 'UTF8') as json from domain_event_entry
        where payload_type like '%MarketEvent$%' order by global_index""",
        rs -> {
          try {
            JsonNode json = JSON.readTree(rs.getString("json"));
            if (orderId.equals(json.path("orderId").asText())) {
              String type = rs.getString("payload_type");
              events.add(Map.entry(type.substring(type.lastIndexOf('$') + 1), json));
            }
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    return events;
  }

  List<String> typesOf(String orderId) {
    return eventsOf(orderId).stream().map(Map.Entry::getKey).toList();
  }

  /** A DAY LIMIT BUY of 5 AAPL at 1.00: far below the price, so it rests at the venue. */
  static SubmitToMarket restingDayLimitBuy(String orderId) {
    return new SubmitToMarket(
        orderId,
        Side.BUY,
        "AAPL",
        5,
        OrderType.LIMIT,
        new BigDecimal("1.00"),
        null,
        TimeInForce.DAY,
        null);
  }

  static String newOrderId() {
    return "it-" + UUID.randomUUID();
  }

  @Test
  void aMarketSellIsAcceptedAndEachOfItsFillsIsRecordedOnce() {
    String orderId = newOrderId();
    settings(0, 0.0, 0.0, true);
    ask(
        new SubmitToMarket(
            orderId, Side.SELL, "AAPL", 10, OrderType.MARKET, null, null, TimeInForce.DAY, null));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                eventsOf(orderId).stream()
                        .filter(e -> e.getKey().equals("MarketOrderFilled"))
                        .mapToLong(e -> e.getValue().path("quantity").asLong())
                        .sum()
                    == 10);
    List<Map.Entry<String, JsonNode>> events = eventsOf(orderId);
    assertThat(events).extracting(Map.Entry::getKey).contains("MarketOrderAccepted");
    List<String> fillIds =
        events.stream()
            .filter(e -> e.getKey().equals("MarketOrderFilled"))
            .map(e -> e.getValue().path("fillId").asText())
            .toList();
    assertThat(fillIds).doesNotHaveDuplicates().allMatch(id -> id.startsWith(orderId + "-F"));
    assertThat(
            jdbc.queryForObject(
                "select position from market_cursor where feed = 'executions'", Long.class))
        .isPositive();
    assertThat(
            jdbc.queryForObject(
                "select outcome from market_request where order_id = ?", String.class, orderId))
        .isEqualTo("MarketOrderAccepted");
  }

  @Test
  void theReferencePriceIsQuotedAndAnUnknownInstrumentHasNone() {
    String known = newOrderId();
    String unknown = newOrderId();
    ask(new RequestReferencePrice(known, "AAPL"), new RequestReferencePrice(unknown, "NOPE"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !eventsOf(known).isEmpty() && !eventsOf(unknown).isEmpty());
    assertThat(eventsOf(known).get(0).getKey()).isEqualTo("ReferencePriceQuoted");
    assertThat(new BigDecimal(eventsOf(known).get(0).getValue().path("price").asText()))
        .isPositive();
    assertThat(typesOf(unknown)).containsExactly("ReferencePriceUnavailable");
  }

  @Test
  void anOrderOnAHaltedInstrumentIsRejected() {
    String orderId = newOrderId();
    ask(
        new SubmitToMarket(
            orderId,
            Side.BUY,
            "HALTED",
            5,
            OrderType.MARKET,
            null,
            new BigDecimal("10.00"),
            TimeInForce.DAY,
            null));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).contains("MarketOrderRejected"));
    assertThat(eventsOf(orderId).get(0).getValue().path("reason").asText()).isNotBlank();
  }

  @Test
  void aDayOrderSubmittedAgainLaterIsTheSameOrderAtTheVenue() throws InterruptedException {
    String orderId = newOrderId();
    SubmitToMarket dayLimit = restingDayLimitBuy(orderId);
    ask(dayLimit);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).contains("MarketOrderAccepted"));
    // Its expiry must not move with the clock: the venue refuses a client order id sent again
    // with other terms (as after an orchestrator that sent it died before recording the answer).
    Thread.sleep(1_100);

    ask(dayLimit);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).stream().filter("MarketOrderAccepted"::equals).count() == 2);
    assertThat(typesOf(orderId)).doesNotContain("MarketOrderRejected");
    ask(new CancelAtMarket(orderId));
  }

  @Test
  void aDayOrderThatWaitedInOurQueueLongerThanItsDayStillRestsAtTheVenue() {
    String orderId = newOrderId();
    // Queued 25 hours ago (longer than the 24 h a DAY order rests), claimed only now: the time it
    // waited in our own queue must not eat its day, or the venue refuses it as already expired.
    askWith25HoursAgo(restingDayLimitBuy(orderId), "created_at");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).contains("MarketOrderAccepted"));
    assertThat(typesOf(orderId)).doesNotContain("MarketOrderRejected");
    ask(new CancelAtMarket(orderId));
  }

  @Test
  void aDayOrderWhoseDayEndedBeforeItReachedTheVenueExpires() {
    String orderId = newOrderId();
    // First claimed 25 hours ago (its sender died before the venue got it): sent now, the venue
    // refuses it as already expired, and the order expired, it was not rejected.
    askWith25HoursAgo(restingDayLimitBuy(orderId), "first_claimed_at");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).contains("MarketOrderExpired"));
    assertThat(typesOf(orderId)).doesNotContain("MarketOrderRejected", "MarketOrderAccepted");
  }

  @Test
  void aRestingLimitOrderIsCancelledAtTheVenue() {
    String orderId = newOrderId();
    ask(restingDayLimitBuy(orderId));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).contains("MarketOrderAccepted"));

    ask(new CancelAtMarket(orderId));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> typesOf(orderId).stream().filter("MarketOrderCancelled"::equals).count() == 2);
    assertThat(eventsOf(orderId))
        .filteredOn(e -> e.getKey().equals("MarketOrderCancelled"))
        .extracting(
            e ->
                e.getValue().path("venueFilledQuantity").isNull()
                    ? "feed"
                    : "answer:" + e.getValue().path("venueFilledQuantity").asLong())
        .containsExactlyInAnyOrder("feed", "answer:0");
  }

  @Test
  void aSubmissionFollowedByACancelIsSupersededAndNeverReachesTheVenue() {
    String orderId = newOrderId();
    ask(
        new SubmitToMarket(
            orderId, Side.SELL, "AAPL", 5, OrderType.MARKET, null, null, TimeInForce.DAY, null),
        new CancelAtMarket(orderId));

    await().atMost(Duration.ofSeconds(20)).until(() -> !typesOf(orderId).isEmpty());
    assertThat(typesOf(orderId)).containsExactly("MarketOrderUnknown");
    assertThat(
            jdbc.queryForList(
                "select outcome from market_request where order_id = ? order by id",
                String.class,
                orderId))
        .containsExactly("SUPERSEDED", "MarketOrderUnknown");
  }

  @Test
  void aVenueAnsweringErrorsIsRetriedUntilItAnswers() {
    String orderId = newOrderId();
    settings(0, 0.0, 1.0, false);
    ask(
        new SubmitToMarket(
            orderId, Side.SELL, "MSFT", 3, OrderType.MARKET, null, null, TimeInForce.DAY, null));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select attempts from market_request where order_id = ?",
                        Integer.class,
                        orderId)
                    >= 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                breakers.circuitBreaker(VenueClient.ORDER_ENTRY).getState()
                    == CircuitBreaker.State.OPEN);
    assertThat(
            jdbc.queryForObject(
                "select last_error from market_request where order_id = ?", String.class, orderId))
        .isNotBlank();
    assertThat(typesOf(orderId)).isEmpty();

    settings(0, 0.0, 0.0, false);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> typesOf(orderId).contains("MarketOrderAccepted"));
  }

  static void settings(int latencyMs, double rejectRate, double errorRate, boolean partialFills) {
    HttpResponse<String> response =
        TestHttp.putJson(
            venue.port(),
            "/venue/settings",
            "{\"latencyMs\":"
                + latencyMs
                + ",\"rejectRate\":"
                + rejectRate
                + ",\"errorRate\":"
                + errorRate
                + ",\"partialFills\":"
                + partialFills
                + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
