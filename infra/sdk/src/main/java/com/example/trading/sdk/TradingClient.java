package com.example.trading.sdk;

import com.example.trading.sdk.command.api.AccountsApi;
import com.example.trading.sdk.command.api.DepositsApi;
import com.example.trading.sdk.command.model.AccountOpenedAnswer;
import com.example.trading.sdk.command.model.CancelOrderRequest;
import com.example.trading.sdk.command.model.DepositAccepted;
import com.example.trading.sdk.command.model.DepositRequestBody;
import com.example.trading.sdk.command.model.OpenAccountRequest;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.command.model.PlaceOrderRequest;
import com.example.trading.sdk.command.model.ReplaceOrderRequest;
import com.example.trading.sdk.query.api.ActivitiesApi;
import com.example.trading.sdk.query.api.PortfoliosApi;
import com.example.trading.sdk.query.api.ReportsApi;
import com.example.trading.sdk.query.model.ActivityPage;
import com.example.trading.sdk.query.model.FeeReport;
import com.example.trading.sdk.query.model.OrderPage;
import com.example.trading.sdk.query.model.OrderView;
import com.example.trading.sdk.query.model.Portfolio;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client of the trading command and query APIs, on the clients generated from their published
 * OpenAPI documents ({@code command-side/openapi}, {@code query-side/openapi}). It adds what every
 * caller would otherwise write again:
 *
 * <ul>
 *   <li><b>Tokens:</b> a bearer token on every request from {@link AccessTokens} (OAuth2 client
 *       credentials at the issuer, refreshed before expiry; a {@code 401} is retried once with a
 *       fresh one).
 *   <li><b>Safe retries:</b> {@code 429}/{@code 503} are retried after their {@code Retry-After},
 *       lost connections with a growing pause, within a budget (see {@link Retries}). A placement
 *       without a client order id gets one, a deposit without an {@code Idempotency-Key} gets one,
 *       before the first attempt, so a retry can never place or deposit twice.
 *   <li><b>Read-your-writes:</b> every command answer's position token is remembered; a query
 *       without its own {@code minPosition} passes the newest one, so it reads a view that reflects
 *       this client's last write (unless built with {@code readYourWrites(false)}).
 * </ul>
 *
 * Failures are {@link TradingApiException}s carrying the API's problem document. Thread-safe.
 */
public final class TradingClient {

  private final AccessTokens tokens;
  private final Retries retries;
  private final boolean readYourWrites;
  private final AtomicReference<String> lastWrite = new AtomicReference<>();
  private final ThreadLocal<String> sentToken = new ThreadLocal<>();
  private final AccountsApi accounts;
  private final DepositsApi deposits;
  private final com.example.trading.sdk.command.api.OrdersApi orderCommands;
  private final com.example.trading.sdk.query.api.OrdersApi orderQueries;
  private final PortfoliosApi portfolios;
  private final ReportsApi reports;
  private final ActivitiesApi activities;

  /** For the one answer the generated client cannot read: the ledger as CSV. */
  private final HttpClient queryHttp;

  private final String queryBase;
  private final Duration requestTimeout;
  private final Consumer<HttpRequest.Builder> authorize;
  private final Consumer<HttpResponse<?>> responseListener;

  private TradingClient(Builder builder) {
    this.tokens =
        Objects.requireNonNull(
            builder.tokens, "tokens: clientCredentials(...) or accessTokens(...)");
    this.retries = new Retries(builder.retryBudget);
    this.readYourWrites = builder.readYourWrites;
    Consumer<HttpRequest.Builder> authorize =
        request -> {
          String token = tokens.current();
          sentToken.set(token);
          request.setHeader("Authorization", "Bearer " + token);
          request.setHeader("User-Agent", "trading-sdk");
        };
    var commandClient =
        new com.example.trading.sdk.command.invoker.ApiClient(
                http(builder),
                com.example.trading.sdk.command.invoker.ApiClient.createDefaultObjectMapper(),
                base(builder.commandApi, "commandApi"))
            .setRequestInterceptor(authorize)
            .setReadTimeout(builder.requestTimeout)
            .setResponseInterceptor(builder.responseListener::accept);
    var queryClient =
        new com.example.trading.sdk.query.invoker.ApiClient(
                http(builder),
                com.example.trading.sdk.query.invoker.ApiClient.createDefaultObjectMapper(),
                base(builder.queryApi, "queryApi"))
            .setRequestInterceptor(authorize)
            .setReadTimeout(builder.requestTimeout)
            .setResponseInterceptor(builder.responseListener::accept);
    this.accounts = new AccountsApi(commandClient);
    this.deposits = new DepositsApi(commandClient);
    this.orderCommands = new com.example.trading.sdk.command.api.OrdersApi(commandClient);
    this.orderQueries = new com.example.trading.sdk.query.api.OrdersApi(queryClient);
    this.portfolios = new PortfoliosApi(queryClient);
    this.reports = new ReportsApi(queryClient);
    this.activities = new ActivitiesApi(queryClient);
    this.queryHttp = queryClient.getHttpClient();
    this.queryBase = base(builder.queryApi, "queryApi");
    this.requestTimeout = builder.requestTimeout;
    this.authorize = authorize;
    this.responseListener = builder.responseListener;
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- commands ----------------------------------------------------------------------------

  /**
   * Places an order ({@code POST /api/orders}). Without a client order id it gets a random one
   * first, so the retries cannot place it twice. The same {@code (accountId, clientOrderId)} again
   * answers the first order.
   */
  public OrderAccepted placeOrder(PlaceOrderRequest request) {
    if (request.getClientOrderId() == null || request.getClientOrderId().isBlank()) {
      request.setClientOrderId(UUID.randomUUID().toString());
    }
    return wrote(
        call("place order " + request.getClientOrderId(), () -> orderCommands.placeOrder(request)),
        OrderAccepted::getPosition);
  }

  /**
   * Asks to cancel an order ({@code POST /api/orders/{orderId}/cancel}); a finished order is a
   * {@code 409}.
   */
  public OrderAccepted cancelOrder(String orderId) {
    return cancelOrder(orderId, null);
  }

  /**
   * Asks to cancel an order, saying why ({@code reason}, null for none): the reason is recorded in
   * the order's history with who asked (an operator cancelling on a customer's behalf gives one).
   */
  public OrderAccepted cancelOrder(String orderId, String reason) {
    CancelOrderRequest request = reason == null ? null : new CancelOrderRequest().reason(reason);
    return wrote(
        call("cancel order " + orderId, () -> orderCommands.cancelOrder(orderId, request)),
        OrderAccepted::getPosition);
  }

  /**
   * Asks to replace a working order's quantity, limit or stop price ({@code PATCH
   * /api/orders/{orderId}}); the answer's status is {@code REPLACE_REQUESTED}, and the order's
   * timeline says how it went. A finished order, one not working at the venue yet, or one with a
   * cancel or another replace in flight is a {@code 409}.
   */
  public OrderAccepted replaceOrder(String orderId, ReplaceOrderRequest request) {
    return wrote(
        call("replace order " + orderId, () -> orderCommands.replaceOrder(orderId, request)),
        OrderAccepted::getPosition);
  }

  /** Opens an account for a customer ({@code POST /api/accounts}, operator). */
  public AccountOpenedAnswer openAccount(String accountId, String customerId) {
    OpenAccountRequest request =
        new OpenAccountRequest().accountId(accountId).customerId(customerId);
    return wrote(
        call("open account " + accountId, () -> accounts.openAccount(request)),
        AccountOpenedAnswer::getPosition);
  }

  /**
   * Funds an account once ({@code POST /api/accounts/{id}/deposits}, operator) under a new
   * idempotency key.
   */
  public DepositAccepted deposit(String accountId, String asset, String quantity) {
    return deposit(accountId, asset, quantity, UUID.randomUUID().toString());
  }

  /**
   * Funds an account under the caller's {@code idempotencyKey}: the same key and body again answer
   * the first deposit and apply nothing; the same key with another body is a {@code 409}.
   */
  public DepositAccepted deposit(
      String accountId, String asset, String quantity, String idempotencyKey) {
    DepositRequestBody body = new DepositRequestBody().asset(asset).quantity(quantity);
    return wrote(
        call(
            "deposit " + quantity + " " + asset + " into " + accountId,
            () -> deposits.deposit(accountId, idempotencyKey, body)),
        DepositAccepted::getPosition);
  }

  // ---- queries -----------------------------------------------------------------------------

  /**
   * One order with its timeline ({@code GET /api/orders/{orderId}}), as of this client's last
   * write.
   */
  public OrderView order(String orderId) {
    return order(orderId, null);
  }

  /** One order, once the view reflects {@code minPosition} (null: this client's last write). */
  public OrderView order(String orderId, String minPosition) {
    String position = position(minPosition);
    return call("read order " + orderId, () -> orderQueries.getOrder(orderId, position, null));
  }

  /** A page of an account's orders, newest first ({@code GET /api/accounts/{accountId}/orders}). */
  public OrderPage orders(String accountId, OrderQuery query) {
    String position = position(query.minPosition());
    return call(
        "list orders of " + accountId,
        () ->
            orderQueries.listOrders(
                accountId,
                query.status(),
                query.instrument(),
                query.side(),
                query.from(),
                query.to(),
                query.size(),
                query.cursor(),
                position,
                null));
  }

  /**
   * An account's holdings, open orders and fees ({@code GET /api/accounts/{accountId}/portfolio}).
   */
  public Portfolio portfolio(String accountId) {
    return portfolio(accountId, null);
  }

  /**
   * An account's portfolio once the views reflect {@code minPosition} (null: this client's last
   * write).
   */
  public Portfolio portfolio(String accountId, String minPosition) {
    String position = position(minPosition);
    return call(
        "read portfolio of " + accountId, () -> portfolios.getPortfolio(accountId, position, null));
  }

  /**
   * A page of an account's activity ledger, newest first ({@code GET
   * /api/accounts/{accountId}/activities}): deposits, fills, reservations, releases and fee entries
   * with the balance after each.
   */
  public ActivityPage activities(String accountId, ActivityQuery query) {
    String position = position(query.minPosition());
    return call(
        "list activities of " + accountId,
        () ->
            activities.listActivities(
                accountId,
                query.types().isEmpty() ? null : query.types(),
                query.asset(),
                null,
                query.from(),
                query.to(),
                query.size(),
                query.cursor(),
                "json",
                position,
                null));
  }

  /**
   * Every entry of an account's ledger matching the query, as the API's CSV ({@code format=csv}): a
   * header line, then one line per entry, newest first. The stream is the response body, read as it
   * arrives; close it. Refusals are retried like any call until the answer starts.
   */
  public InputStream activitiesCsv(String accountId, ActivityQuery query) {
    String position = position(query.minPosition());
    StringBuilder uri =
        new StringBuilder(queryBase)
            .append("/api/accounts/")
            .append(encode(accountId))
            .append("/activities?format=csv");
    query.types().forEach(type -> uri.append("&type=").append(encode(type)));
    appendParameter(uri, "asset", query.asset());
    appendParameter(uri, "from", query.from() == null ? null : query.from().toString());
    appendParameter(uri, "to", query.to() == null ? null : query.to().toString());
    appendParameter(uri, "cursor", query.cursor());
    appendParameter(uri, "minPosition", position);
    return call(
        "export activities of " + accountId,
        () -> {
          HttpRequest.Builder request =
              HttpRequest.newBuilder(URI.create(uri.toString()))
                  .timeout(requestTimeout)
                  .header("Accept", "text/csv, application/problem+json")
                  .GET();
          authorize.accept(request);
          try {
            HttpResponse<InputStream> response =
                queryHttp.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            responseListener.accept(response);
            if (response.statusCode() == 200) {
              return response.body();
            }
            String body;
            try (InputStream error = response.body()) {
              body = new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new com.example.trading.sdk.query.invoker.ApiException(
                response.statusCode(),
                "listActivities call failed with: " + response.statusCode() + " - " + body,
                response.headers(),
                body);
          } catch (IOException e) {
            // no answer: retried like the generated clients' lost connections
            throw new com.example.trading.sdk.query.invoker.ApiException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
        });
  }

  private static void appendParameter(StringBuilder uri, String name, String value) {
    if (value != null) {
      uri.append('&').append(name).append('=').append(encode(value));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Fees charged by {@code instrument}, {@code side} or {@code day} ({@code GET /api/reports/fees},
   * operator).
   */
  public FeeReport feeReport(String groupBy) {
    return call("read the fee report", () -> reports.feeReport(groupBy));
  }

  /** The position token of this client's newest write, if it wrote. */
  public Optional<String> lastWritePosition() {
    return Optional.ofNullable(lastWrite.get());
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private <T> T wrote(T answer, Function<T, String> position) {
    String token = position.apply(answer);
    if (token != null) {
      lastWrite.set(token);
    }
    return answer;
  }

  private String position(String minPosition) {
    if (minPosition != null && !minPosition.isBlank()) {
      return minPosition;
    }
    return readYourWrites ? lastWrite.get() : null;
  }

  private <T> T call(String operation, Supplier<T> attempt) {
    try {
      return retries.run(
          operation, attempt, TradingClient::refusal, () -> tokens.invalidate(sentToken.get()));
    } finally {
      sentToken.remove();
    }
  }

  private static Optional<Retries.Refusal> refusal(RuntimeException e) {
    if (e instanceof com.example.trading.sdk.command.invoker.ApiException command) {
      return Optional.of(
          new Retries.Refusal(
              command.getCode(), command.getResponseHeaders(), command.getResponseBody(), command));
    }
    if (e instanceof com.example.trading.sdk.query.invoker.ApiException query) {
      return Optional.of(
          new Retries.Refusal(
              query.getCode(), query.getResponseHeaders(), query.getResponseBody(), query));
    }
    return Optional.empty();
  }

  private static HttpClient.Builder http(Builder builder) {
    return HttpClient.newBuilder().connectTimeout(builder.connectTimeout);
  }

  private static String base(URI uri, String name) {
    return Objects.requireNonNull(uri, name).toString().replaceAll("/+$", "");
  }

  /** How to reach the APIs and who the client is. */
  public static final class Builder {

    private URI commandApi;
    private URI queryApi;
    private AccessTokens tokens;
    private Duration retryBudget = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private boolean readYourWrites = true;
    private Consumer<HttpResponse<?>> responseListener = response -> {};

    private Builder() {}

    /** The command API's base URI, e.g. {@code http://127.0.0.1:8081}. */
    public Builder commandApi(URI uri) {
      this.commandApi = uri;
      return this;
    }

    /** The query API's base URI, e.g. {@code http://127.0.0.1:8082}. */
    public Builder queryApi(URI uri) {
      this.queryApi = uri;
      return this;
    }

    /**
     * Tokens by OAuth2 client credentials at {@code issuer} (e.g. {@code http://127.0.0.1:9000}).
     */
    public Builder clientCredentials(
        URI issuer, String clientId, String clientSecret, String scope) {
      this.tokens = new ClientCredentials(issuer, clientId, clientSecret, scope);
      return this;
    }

    /** Tokens from elsewhere. */
    public Builder accessTokens(AccessTokens tokens) {
      this.tokens = tokens;
      return this;
    }

    /** How long the client may wait in total across the retries of one call (default 30 s). */
    public Builder retryBudget(Duration budget) {
      this.retryBudget = budget;
      return this;
    }

    /**
     * How long one request may take (default 30 s; a read-your-writes query waits up to about 5 s).
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Whether queries pass this client's newest write position by default (default true). */
    public Builder readYourWrites(boolean enabled) {
      this.readYourWrites = enabled;
      return this;
    }

    /**
     * Sees every response before the client reads it (status and headers: logging, metrics,
     * checks).
     */
    public Builder responseListener(Consumer<HttpResponse<?>> listener) {
      this.responseListener = listener;
      return this;
    }

    public TradingClient build() {
      return new TradingClient(this);
    }
  }
}
