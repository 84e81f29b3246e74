package com.example.trading.benchmarks;

import com.example.trading.schemas.order.OrderStatus;
import com.example.trading.teststack.Issuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * {@code make bench-views}: how soon the live views show a change, on an otherwise idle system
 * ({@code make up}). One at a time, {@code VIEW_SAMPLES} (50) times each, {@code VIEW_PAUSE_MS}
 * (200) apart:
 *
 * <ul>
 *   <li><b>deposit → portfolio</b>: from the command API's {@code 202} for a deposit until the
 *       account's portfolio (query API) shows the new quantity;
 *   <li><b>order end → order document</b>: a one-share MARKET sell; from its end event's time in
 *       the event store until the order's document (query API) shows the end.
 * </ul>
 *
 * The views are polled every {@code VIEW_POLL_MS} (5) ms, so each sample may be up to that late.
 * One machine, one clock. Settings: {@code COMMAND_URL}, {@code QUERY_URL}, {@code POSTGRES_*}.
 */
public final class ViewLatencyBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDS =
      Arrays.stream(OrderStatus.values())
          .filter(OrderStatus::isTerminal)
          .map(Enum::name)
          .collect(Collectors.toUnmodifiableSet());

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI command = URI.create(env("COMMAND_URL", "http://127.0.0.1:8081"));
  private final Issuer issuer = Issuer.fromEnvironment();
  private final URI query = URI.create(env("QUERY_URL", "http://127.0.0.1:8082"));
  private final long pollMillis = Long.parseLong(env("VIEW_POLL_MS", "5"));

  public static void main(String[] args) throws Exception {
    int samples = Integer.parseInt(env("VIEW_SAMPLES", "50"));
    long pause = Long.parseLong(env("VIEW_PAUSE_MS", "200"));
    String jdbc =
        "jdbc:postgresql://"
            + env("POSTGRES_HOST", "127.0.0.1")
            + ":"
            + env("POSTGRES_PORT", "15432")
            + "/"
            + env("POSTGRES_COMMAND_DB", "command");
    ViewLatencyBenchmark bench = new ViewLatencyBenchmark();
    String account = "views-" + UUID.randomUUID().toString().substring(0, 8);
    bench.open(account);
    bench.open(account + "-seller");

    Histogram deposits = new Histogram(3);
    for (int i = 1; i <= samples; i++) {
      deposits.recordValue(bench.depositShown(account, i));
      Thread.sleep(pause);
    }
    bench.depositShown(account + "-seller", "AAPL", BigDecimal.valueOf(samples));

    Histogram ends = new Histogram(3);
    try (Connection store =
        DriverManager.getConnection(
            jdbc, env("POSTGRES_USER", "trading"), env("POSTGRES_PASSWORD", "trading"))) {
      for (int i = 1; i <= samples; i++) {
        ends.recordValue(bench.orderEndShown(store, account + "-seller", "c-" + i));
        Thread.sleep(pause);
      }
    }
    System.out.printf(
        "cores %d, %d samples each, views polled every %d ms%n",
        Runtime.getRuntime().availableProcessors(), samples, bench.pollMillis);
    print("deposit 202 -> shown in the portfolio", deposits);
    print("order end stored -> shown in its document", ends);
  }

  /**
   * Deposits one dollar more; milliseconds from the 202 until the portfolio shows {@code expected}.
   */
  private long depositShown(String account, int expected) throws Exception {
    return depositShown(account, "USD", BigDecimal.valueOf(expected));
  }

  private long depositShown(String account, String asset, BigDecimal expected) throws Exception {
    BigDecimal amount = asset.equals("USD") ? BigDecimal.ONE : expected;
    HttpResponse<String> answer =
        send(
            "POST",
            command.resolve("/api/accounts/" + account + "/deposits"),
            "{\"asset\":\"" + asset + "\",\"quantity\":\"" + amount + "\"}");
    long accepted = System.nanoTime();
    if (answer.statusCode() != 202) {
      throw new IllegalStateException(
          "deposit answered " + answer.statusCode() + ": " + answer.body());
    }
    await(
        query.resolve("/api/accounts/" + account + "/portfolio"),
        portfolio -> {
          for (JsonNode holding : portfolio.path("holdings")) {
            if (holding.path("asset").asText().equals(asset)
                && new BigDecimal(holding.path("quantity").asText()).compareTo(expected) == 0) {
              return true;
            }
          }
          return false;
        });
    return (System.nanoTime() - accepted) / 1_000_000;
  }

  /**
   * Sells one share at market; milliseconds from its end event's store time until its document
   * shows the end.
   */
  private long orderEndShown(Connection store, String account, String clientOrderId)
      throws Exception {
    HttpResponse<String> answer =
        send(
            "POST",
            command.resolve("/api/orders"),
            """
        {"accountId":"%s","clientOrderId":"%s","side":"SELL","instrument":"AAPL","quantity":1,"type":"MARKET",\
        "maxFee":"25.00"}"""
                .formatted(account, clientOrderId));
    if (answer.statusCode() != 202) {
      throw new IllegalStateException(
          "placement answered " + answer.statusCode() + ": " + answer.body());
    }
    String orderId = JSON.readTree(answer.body()).path("orderId").asText();
    Instant shown =
        await(
            query.resolve("/api/orders/" + orderId),
            order -> ENDS.contains(order.path("status").asText()));
    try (PreparedStatement end =
        store.prepareStatement(
            """
        select time_stamp from domain_event_entry where aggregate_identifier = ?
        order by sequence_number desc limit 1""")) {
      end.setString(1, orderId);
      try (ResultSet row = end.executeQuery()) {
        row.next();
        Instant stored = Instant.parse(row.getString(1));
        return Math.max(0, Duration.between(stored, shown).toMillis());
      }
    }
  }

  /** Polls {@code uri} until {@code shows} holds; the wall-clock time it first did. */
  private Instant await(URI uri, Predicate<JsonNode> shows) throws Exception {
    long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < giveUp) {
      HttpResponse<String> response = send("GET", uri, null);
      if (response.statusCode() == 200 && shows.test(JSON.readTree(response.body()))) {
        return Instant.now();
      }
      Thread.sleep(pollMillis);
    }
    throw new IllegalStateException(uri + " did not show the change within 60 s");
  }

  /** Opens an account for the benchmark's customer (every request is the operator's). */
  private void open(String account) throws Exception {
    HttpResponse<String> answer =
        send(
            "POST",
            command.resolve("/api/accounts"),
            "{\"accountId\":\"" + account + "\",\"customerId\":\"views-benchmark\"}");
    if (answer.statusCode() != 201) {
      throw new IllegalStateException(
          "opening " + account + " answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + issuer.operatorToken())
            // every deposit is a new one (other requests ignore the header)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void print(String what, Histogram histogram) {
    System.out.printf(
        "%-45s p50 %5d ms   p99 %5d ms   max %5d ms%n",
        what,
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(99),
        histogram.getMaxValue());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
