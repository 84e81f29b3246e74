package com.example.trading.saga.market;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.saga.market.VenueApi.CancelAnswer;
import com.example.trading.saga.market.VenueApi.ExecutionPage;
import com.example.trading.saga.market.VenueApi.NewOrder;
import com.example.trading.saga.market.VenueApi.OrderAnswer;
import com.example.trading.saga.market.VenueApi.OrderState;
import com.example.trading.saga.market.VenueApi.Price;
import com.example.trading.saga.market.VenueApi.ReplaceOrder;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.codec.MessageCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The exchange's HTTP API, with the resilience a venue needs: connect and request timeouts, a few
 * attempts with exponential back-off and jitter for transient failures (I/O errors, timeouts, 5xx,
 * 429), behind a circuit breaker so a venue that is down is not hammered (an open breaker fails at
 * once with {@code CallNotPermittedException}); order entry and the feeds have one breaker each.
 * Answers the venue gives on purpose (404, 409, a rejection) are results, not failures.
 * Thread-safe.
 */
public class VenueClient {

  /** The circuit breaker of order entry: placing, cancelling, reading an order. */
  public static final String ORDER_ENTRY = "venue-orders";

  /** The circuit breaker of the executions and price feeds. */
  public static final String FEEDS = "venue-feeds";

  private static final ObjectMapper JSON = MessageCodec.objectMapper();

  private final HttpClient http;
  private final URI base;
  private final java.time.Duration requestTimeout;
  private final Retry retry;
  private final CircuitBreaker orderEntry;
  private final CircuitBreaker feeds;
  private final Traces traces;

  public VenueClient(
      MarketProperties properties,
      Retry retry,
      CircuitBreaker orderEntry,
      CircuitBreaker feeds,
      Traces traces) {
    this.traces = traces;
    this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    this.base = properties.venueUrl();
    this.requestTimeout = properties.requestTimeout();
    this.retry = retry;
    this.orderEntry = orderEntry;
    this.feeds = feeds;
  }

  /** The reference price, or empty when the venue does not know the instrument. */
  public Optional<BigDecimal> referencePrice(String instrument) {
    HttpResponse<String> response = call(feeds, get("/venue/prices/" + encode(instrument)));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(read(expectOk(response), Price.class).price());
  }

  /** Places (or, for a client order id it knows, re-reads) an order. */
  public OrderAnswer submit(NewOrder order) {
    HttpResponse<String> response = call(orderEntry, post("/venue/orders", write(order)));
    if (response.statusCode() >= 400 && response.statusCode() < 500) {
      return new OrderAnswer(
          order.clientOrderId(),
          VenueOrderStatus.REJECTED,
          "the venue refused the request (HTTP " + response.statusCode() + "): " + response.body());
    }
    return read(expectOk(response), OrderAnswer.class);
  }

  /** The outcome of a cancel at the venue. */
  public sealed interface Cancellation {
    /** Cancelled (now or before) after {@code filledQuantity} filled. */
    record Cancelled(long filledQuantity) implements Cancellation {}

    /** The venue has never seen the order. */
    record Unknown() implements Cancellation {}

    /** Too late: the order already ended at the venue. */
    record AlreadyEnded(OrderState state) implements Cancellation {}
  }

  public Cancellation cancel(String clientOrderId) {
    HttpResponse<String> response =
        call(orderEntry, post("/venue/orders/" + encode(clientOrderId) + "/cancel", "{}"));
    return switch (response.statusCode()) {
      case 404 -> new Cancellation.Unknown();
      case 409 ->
          status(clientOrderId)
              .<Cancellation>map(Cancellation.AlreadyEnded::new)
              .orElseGet(Cancellation.Unknown::new);
      default ->
          new Cancellation.Cancelled(read(expectOk(response), CancelAnswer.class).filledQuantity());
    };
  }

  /** The outcome of a replace at the venue. */
  public sealed interface Replacement {
    /** The order works under the new terms; {@code filledQuantity} had filled by then. */
    record Replaced(long filledQuantity) implements Replacement {}

    /** The venue refused the replace (the order ended, filled as much, is unknown, ...). */
    record Refused(String reason) implements Replacement {}
  }

  public Replacement replace(String clientOrderId, ReplaceOrder replace) {
    HttpResponse<String> response =
        call(orderEntry, put("/venue/orders/" + encode(clientOrderId), write(replace)));
    if (response.statusCode() >= 400 && response.statusCode() < 500) {
      return new Replacement.Refused(
          "the venue refused the replace (HTTP "
              + response.statusCode()
              + "): "
              + detail(response));
    }
    return new Replacement.Replaced(read(expectOk(response), OrderState.class).filledQuantity());
  }

  /** A problem document's {@code detail}, or the whole body when it has none. */
  private static String detail(HttpResponse<String> response) {
    try {
      String detail = JSON.readTree(response.body()).path("detail").asText("");
      return detail.isEmpty() ? response.body() : detail;
    } catch (IOException unreadable) {
      return response.body();
    }
  }

  public Optional<OrderState> status(String clientOrderId) {
    HttpResponse<String> response = call(orderEntry, get("/venue/orders/" + encode(clientOrderId)));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(read(expectOk(response), OrderState.class));
  }

  public ExecutionPage executions(long after, int limit) {
    return read(
        expectOk(call(feeds, get("/venue/executions?after=" + after + "&limit=" + limit))),
        ExecutionPage.class);
  }

  private HttpResponse<String> call(CircuitBreaker breaker, HttpRequest request) {
    Supplier<HttpResponse<String>> attempt = () -> send(request);
    return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 500 || response.statusCode() == 429) {
        throw new VenueUnavailableException(
            request.method()
                + " "
                + request.uri().getPath()
                + " answered HTTP "
                + response.statusCode());
      }
      return response;
    } catch (IOException e) {
      throw new VenueUnavailableException(
          request.method() + " " + request.uri().getPath() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenueUnavailableException("interrupted", e);
    }
  }

  private HttpRequest get(String path) {
    return traced(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .GET()
                .header("Accept", "application/json"))
        .build();
  }

  private HttpRequest post(String path, String json) {
    return withJson("POST", path, json);
  }

  private HttpRequest put(String path, String json) {
    return withJson("PUT", path, json);
  }

  private HttpRequest withJson(String method, String path, String json) {
    return traced(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)))
        .build();
  }

  /** The venue call continues the current step's trace (W3C traceparent). */
  private HttpRequest.Builder traced(HttpRequest.Builder request) {
    String traceparent = traces.traceparent();
    return traceparent == null ? request : request.header(MessageMetadata.TRACEPARENT, traceparent);
  }

  private static HttpResponse<String> expectOk(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "unexpected answer from the venue: HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return response;
  }

  private static <T> T read(HttpResponse<String> response, Class<T> type) {
    try {
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from the venue: " + response.body(), e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The venue did not answer usefully (I/O error, timeout, 5xx, 429): worth another try later. */
  public static class VenueUnavailableException extends RuntimeException {
    public VenueUnavailableException(String message) {
      super(message);
    }

    public VenueUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
