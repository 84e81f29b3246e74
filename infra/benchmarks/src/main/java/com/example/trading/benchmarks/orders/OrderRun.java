package com.example.trading.benchmarks.orders;

import com.example.trading.audit.AuditReport;
import com.example.trading.audit.EventStoreAudit;
import com.example.trading.audit.OrderOutcome;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.codec.StoredClassNames;
import com.example.trading.teststack.Issuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run of orders through the whole system, as customers would send them: deposits into fresh
 * accounts, then a seeded mix of {@link OrderKind}s placed by concurrent clients through {@code
 * POST /api/orders} (with customer cancels where the kind says so), until every order has ended;
 * then the {@link EventStoreAudit} of those accounts, and throughput and latency from the client's
 * send time to the end event's time in the event store (one machine, one clock).
 *
 * <p>Used by the end-to-end test of the 1,000-order run and by {@code make bench-orders}.
 */
public final class OrderRun {

  /** The instruments orders are spread over, and the halted one. */
  static final List<String> INSTRUMENTS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");

  static final String HALTED = "HALTED";
  static final String CASH_PER_ACCOUNT = "500000.00";
  static final String SHARES_PER_ACCOUNT = "500";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENDS =
      StoredClassNames.namesOf(
          OrderEvent.OrderCompleted.class,
          OrderEvent.OrderRejected.class,
          OrderEvent.OrderCancelled.class,
          OrderEvent.OrderExpired.class);

  /** The order's record of the answer to a replace (replaced or refused). */
  private static final List<String> REPLACE_ANSWERS =
      StoredClassNames.namesOf(
          OrderEvent.OrderReplaced.class, OrderEvent.OrderReplaceRejected.class);

  /**
   * What to run.
   *
   * @param orders how many orders
   * @param accounts over how many fresh accounts
   * @param clients concurrent customers placing orders
   * @param seed the mix and every choice in it
   * @param withExpiry include {@link OrderKind#LIMIT_RESTING_UNTIL_EXPIRY} (only when the
   *     orchestrator's time in force is short: {@code EXCHANGE_TIME_IN_FORCE})
   * @param partialFills ask the venue to fill in parts during the run
   * @param finishWithin how long every order gets to end
   * @param ratePerSecond placements per second, paced (open loop: latency counts from each order's
   *     scheduled time, so a slow system cannot hide its queue); 0 sends as fast as the clients can
   */
  public record Settings(
      int orders,
      int accounts,
      int clients,
      long seed,
      boolean withExpiry,
      boolean partialFills,
      Duration finishWithin,
      double ratePerSecond) {

    /**
     * 1,000 orders over 50 accounts from 8 clients, seed 42, filled in parts, no expiry, 300 s to
     * end, unpaced.
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Settings by name; every one not set keeps the default of {@link #builder()}. */
    public static final class Builder {
      private int orders = 1_000;
      private int accounts = 50;
      private int clients = 8;
      private long seed = 42;
      private boolean withExpiry;
      private boolean partialFills = true;
      private Duration finishWithin = Duration.ofSeconds(300);
      private double ratePerSecond;

      private Builder() {}

      public Builder orders(int value) {
        orders = value;
        return this;
      }

      public Builder accounts(int value) {
        accounts = value;
        return this;
      }

      public Builder clients(int value) {
        clients = value;
        return this;
      }

      public Builder seed(long value) {
        seed = value;
        return this;
      }

      public Builder withExpiry(boolean value) {
        withExpiry = value;
        return this;
      }

      public Builder partialFills(boolean value) {
        partialFills = value;
        return this;
      }

      public Builder finishWithin(Duration value) {
        finishWithin = value;
        return this;
      }

      /** Placements per second, paced; 0 sends as fast as the clients can. */
      public Builder ratePerSecond(double value) {
        ratePerSecond = value;
        return this;
      }

      public Settings build() {
        return new Settings(
            orders, accounts, clients, seed, withExpiry, partialFills, finishWithin, ratePerSecond);
      }
    }
  }

  /** One order as planned and sent. */
  public record PlannedOrder(
      int index,
      OrderKind kind,
      String accountId,
      String clientOrderId,
      String side,
      String instrument,
      long quantity,
      String type,
      String limitPrice,
      String maxFee,
      String timeInForce,
      String stopPrice) {

    String body() {
      return "{\"accountId\":\"%s\",\"clientOrderId\":\"%s\",\"side\":\"%s\",\"instrument\":\"%s\",\"quantity\":%d,"
              .formatted(accountId, clientOrderId, side, instrument, quantity)
          + "\"type\":\"%s\",\"limitPrice\":%s,\"maxFee\":%s,\"timeInForce\":%s,\"stopPrice\":%s}"
              .formatted(
                  type, quoted(limitPrice), quoted(maxFee), quoted(timeInForce), quoted(stopPrice));
    }

    /** The replace of a {@link OrderKind#GTC_REPLACED_THEN_CANCELLED} order: closer, one more. */
    String replaceBody() {
      BigDecimal closer =
          new BigDecimal(limitPrice)
              .multiply(new BigDecimal(side.equals("BUY") ? "1.01" : "0.99"))
              .setScale(2, java.math.RoundingMode.HALF_EVEN);
      return "{\"quantity\":%d,\"limitPrice\":\"%s\"}"
          .formatted(quantity + 1, closer.toPlainString());
    }

    private static String quoted(String value) {
      return value == null ? "null" : "\"" + value + "\"";
    }
  }

  /** How long a customer keeps retrying a placement or cancel the command API did not answer. */
  private static final Duration RETRY_FOR = Duration.ofSeconds(120);

  /** The run's accounts belong to this many customers (accounts are spread over them). */
  private static final int CUSTOMERS = 10;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final java.util.concurrent.atomic.AtomicInteger placed =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Answers that pushed back with Retry-After (admission control), across the run. */
  private final java.util.concurrent.atomic.AtomicInteger refused =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The command side's instances; requests go round them, and a retry goes to the next. */
  private final List<URI> commandApis;

  private final java.util.concurrent.atomic.AtomicInteger nextInstance =
      new java.util.concurrent.atomic.AtomicInteger();
  private final URI venue;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Issuer issuer;

  /** The customer who owns each account of the current run. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /**
   * @param commandApi the command side, e.g. {@code http://127.0.0.1:8081}
   * @param venue the exchange, e.g. {@code http://127.0.0.1:8090}
   * @param jdbcUrl the command side's event store
   * @param issuer where the operator (accounts, deposits) and the customers (orders) get their
   *     tokens
   */
  public OrderRun(
      URI commandApi, URI venue, String jdbcUrl, String user, String password, Issuer issuer) {
    this(List.of(commandApi), venue, jdbcUrl, user, password, issuer);
  }

  /**
   * @param commandApis the command side's instances (requests go round them; a retry goes to the
   *     next)
   */
  public OrderRun(
      List<URI> commandApis,
      URI venue,
      String jdbcUrl,
      String user,
      String password,
      Issuer issuer) {
    this.issuer = issuer;
    if (commandApis.isEmpty()) {
      throw new IllegalArgumentException("no command API to send to");
    }
    this.commandApis = List.copyOf(commandApis);
    this.venue = venue;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /**
   * Runs the orders and audits the result; throws only when the system cannot be reached at all.
   */
  public OrderRunResult run(Settings settings) throws Exception {
    return run(settings, () -> {});
  }

  /**
   * The same; {@code ordersEnded} runs once the orders have ended (or the wait for them gave up),
   * before the audit, whose reading of the whole event store is not part of the measured run.
   */
  public OrderRunResult run(Settings settings, Runnable ordersEnded) throws Exception {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < settings.accounts(); i++) {
      accounts.add("run-" + runId + "-" + i);
    }
    String previousVenueSettings = send("GET", venue.resolve("/venue/settings"), null).body();
    send(
        "PUT",
        venue.resolve("/venue/settings"),
        "{\"latencyMs\":0,\"rejectRate\":0.0,\"errorRate\":0.0,"
            + "\"partialFills\":"
            + settings.partialFills()
            + "}");
    try {
      Map<String, BigDecimal> prices = prices();
      List<PlannedOrder> plan = plan(settings, runId, accounts, prices);
      List<String> failures = new CopyOnWriteArrayList<>();
      ExecutorService customers = Executors.newFixedThreadPool(settings.clients());
      ScheduledExecutorService cancels = Executors.newScheduledThreadPool(2);
      try (EndEvents endEvents = new EndEvents(jdbcUrl, user, password)) {
        openAccounts(runId, accounts, failures);
        deposit(customers, accounts, failures);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        Map<Integer, String> orderIds = new ConcurrentHashMap<>();
        Random cancelDelays = new Random(settings.seed() + 1);
        List<Future<?>> placements = new ArrayList<>();
        Instant start = Instant.now();
        for (PlannedOrder order : plan) {
          long cancelAfterMillis = 500 + cancelDelays.nextInt(2_500);
          Instant scheduled =
              settings.ratePerSecond() > 0
                  ? start.plusNanos((long) (order.index() * 1e9 / settings.ratePerSecond()))
                  : null;
          placements.add(
              customers.submit(
                  () -> {
                    Instant sent = scheduled == null ? Instant.now() : sleepUntil(scheduled);
                    HttpResponse<String> response =
                        sendIdempotent(
                            "POST", "/api/orders", order.body(), customerToken(order.accountId()));
                    if (response.statusCode() != 202 && response.statusCode() != 200) {
                      failures.add(
                          "placing #"
                              + order.index()
                              + " ("
                              + order.kind()
                              + "): "
                              + response.statusCode()
                              + " "
                              + response.body());
                      return null;
                    }
                    String orderId = JSON.readTree(response.body()).path("orderId").asText();
                    sentAt.put(orderId, sent);
                    orderIds.put(order.index(), orderId);
                    placed.incrementAndGet();
                    switch (order.kind()) {
                      case MARKET_CANCELLED_AT_ONCE -> cancel(order.accountId(), orderId, failures);
                      case LIMIT_RESTING_THEN_CANCELLED, GTC_RESTING_THEN_CANCELLED ->
                          cancels.schedule(
                              () -> cancel(order.accountId(), orderId, failures),
                              cancelAfterMillis,
                              TimeUnit.MILLISECONDS);
                      case GTC_REPLACED_THEN_CANCELLED ->
                          cancels.schedule(
                              () ->
                                  replaceThenCancel(
                                      cancels,
                                      endEvents,
                                      order,
                                      orderId,
                                      cancelAfterMillis / 2,
                                      System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                                      failures),
                              cancelAfterMillis / 2,
                              TimeUnit.MILLISECONDS);
                      default -> {}
                    }
                    return null;
                  }));
        }
        for (Future<?> placement : placements) {
          placement.get();
        }
        Instant placedAll = Instant.now();
        awaitEnds(endEvents, sentAt.keySet(), settings.finishWithin());
        cancels.shutdown();
        cancels.awaitTermination(10, TimeUnit.SECONDS);
        ordersEnded.run();
        AuditReport audit;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
          audit = EventStoreAudit.of(connection, new LinkedHashSet<>(accounts));
        }
        return new OrderRunResult(
            settings,
            plan,
            Collections.unmodifiableMap(new HashMap<>(orderIds)),
            Map.copyOf(sentAt),
            start,
            placedAll,
            audit,
            List.copyOf(failures),
            refused.getAndSet(0));
      } finally {
        customers.shutdownNow();
        cancels.shutdownNow();
      }
    } finally {
      send("PUT", venue.resolve("/venue/settings"), previousVenueSettings);
    }
  }

  /**
   * Opens the run's accounts as the operator, each for one of the run's customers (several accounts
   * each), whose API credentials the operator creates first.
   */
  private void openAccounts(String runId, List<String> accounts, List<String> failures)
      throws Exception {
    for (int i = 0; i < accounts.size(); i++) {
      String customer = "run-" + runId + "-customer-" + (i % CUSTOMERS);
      issuer.createCustomer(customer);
      HttpResponse<String> response =
          send(
              "POST",
              commandApi().resolve("/api/accounts"),
              "{\"accountId\":\"" + accounts.get(i) + "\",\"customerId\":\"" + customer + "\"}",
              issuer.operatorToken());
      if (response.statusCode() != 201) {
        failures.add(
            "opening " + accounts.get(i) + ": " + response.statusCode() + " " + response.body());
      }
      owners.put(accounts.get(i), customer);
    }
  }

  private String customerToken(String accountId) {
    return issuer.customerToken(owners.get(accountId));
  }

  private void deposit(ExecutorService customers, List<String> accounts, List<String> failures)
      throws Exception {
    List<Future<?>> deposits = new ArrayList<>();
    for (String account : accounts) {
      List<String[]> assets = new ArrayList<>();
      assets.add(new String[] {"USD", CASH_PER_ACCOUNT});
      INSTRUMENTS.forEach(instrument -> assets.add(new String[] {instrument, SHARES_PER_ACCOUNT}));
      for (String[] asset : assets) {
        deposits.add(
            customers.submit(
                () -> {
                  HttpResponse<String> response = deposit(account, asset[0], asset[1]);
                  if (response.statusCode() != 202) {
                    failures.add(
                        "deposit "
                            + asset[0]
                            + " into "
                            + account
                            + ": "
                            + response.statusCode()
                            + " "
                            + response.body());
                  }
                  return null;
                }));
      }
    }
    for (Future<?> deposit : deposits) {
      deposit.get();
    }
  }

  /** One deposit, as the operator, its Idempotency-Key naming it (a repeat would apply it once). */
  private HttpResponse<String> deposit(String account, String asset, String quantity)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(commandApi().resolve("/api/accounts/" + account + "/deposits"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + issuer.operatorToken())
            .header("Idempotency-Key", "fund-" + account + "-" + asset)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"asset\":\"" + asset + "\",\"quantity\":\"" + quantity + "\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Replaces the order once it works at the venue, then cancels it {@code cancelAfterMillis} after
   * the answer. A {@code 409} for an order not there yet (PENDING, ACCEPTED) is asked again a
   * second later, as a customer would, until {@code giveUpAt}; other refusals are answers a
   * customer's replace can get (a cancel or the order's end came first).
   */
  private void replaceThenCancel(
      ScheduledExecutorService scheduler,
      EndEvents endEvents,
      PlannedOrder order,
      String orderId,
      long cancelAfterMillis,
      long giveUpAt,
      List<String> failures) {
    boolean again = false;
    try {
      HttpResponse<String> response =
          sendIdempotent(
              "PATCH",
              "/api/orders/" + orderId,
              order.replaceBody(),
              customerToken(order.accountId()));
      if (response.statusCode() == 409) {
        String status = JSON.readTree(response.body()).path("orderStatus").asText();
        again =
            (status.equals("PENDING") || status.equals("ACCEPTED")) && System.nanoTime() < giveUpAt;
      } else if (response.statusCode() != 202) {
        failures.add("replacing " + orderId + ": " + response.statusCode() + " " + response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      failures.add("replacing " + orderId + ": " + e);
    }
    if (again) {
      scheduler.schedule(
          () ->
              replaceThenCancel(
                  scheduler, endEvents, order, orderId, cancelAfterMillis, giveUpAt, failures),
          1_000,
          TimeUnit.MILLISECONDS);
    } else {
      cancelOnceReplaceAnswered(
          scheduler, endEvents, order, orderId, cancelAfterMillis, giveUpAt, failures);
    }
  }

  /**
   * Cancels the order {@code cancelAfterMillis} after its store holds the answer to its replace
   * (looked for every second until {@code giveUpAt}), so the replace is carried out or refused on
   * its own merits rather than overtaken by the cancel.
   */
  private void cancelOnceReplaceAnswered(
      ScheduledExecutorService scheduler,
      EndEvents endEvents,
      PlannedOrder order,
      String orderId,
      long cancelAfterMillis,
      long giveUpAt,
      List<String> failures) {
    boolean answered = true;
    try {
      answered = endEvents.has(orderId, REPLACE_ANSWERS) || System.nanoTime() > giveUpAt;
    } catch (SQLException e) {
      failures.add("looking for the answer to the replace of " + orderId + ": " + e);
    }
    if (answered) {
      scheduler.schedule(
          () -> cancel(order.accountId(), orderId, failures),
          cancelAfterMillis,
          TimeUnit.MILLISECONDS);
    } else {
      scheduler.schedule(
          () ->
              cancelOnceReplaceAnswered(
                  scheduler, endEvents, order, orderId, cancelAfterMillis, giveUpAt, failures),
          1_000,
          TimeUnit.MILLISECONDS);
    }
  }

  private void cancel(String accountId, String orderId, List<String> failures) {
    try {
      HttpResponse<String> response =
          sendIdempotent(
              "POST", "/api/orders/" + orderId + "/cancel", "", customerToken(accountId));
      // 409: the order ended first (filled or rejected) — a customer's cancel can lose that race.
      if (response.statusCode() != 202 && response.statusCode() != 409) {
        failures.add(
            "cancelling " + orderId + ": " + response.statusCode() + " " + response.body());
      }
    } catch (Exception e) {
      failures.add("cancelling " + orderId + ": " + e);
    }
  }

  /**
   * The seeded mix: each kind's share of the orders, shuffled, over random accounts and
   * instruments.
   */
  static List<PlannedOrder> plan(
      Settings settings, String runId, List<String> accounts, Map<String, BigDecimal> prices) {
    Random random = new Random(settings.seed());
    List<OrderKind> kinds = new ArrayList<>();
    int total = 0;
    for (OrderKind kind : OrderKind.values()) {
      if (kind != OrderKind.LIMIT_RESTING_UNTIL_EXPIRY || settings.withExpiry()) {
        total += kind.share();
      }
    }
    for (OrderKind kind : OrderKind.values()) {
      if (kind != OrderKind.LIMIT_RESTING_UNTIL_EXPIRY || settings.withExpiry()) {
        for (int i = 0; i < Math.round((double) settings.orders() * kind.share() / total); i++) {
          kinds.add(kind);
        }
      }
    }
    while (kinds.size() < settings.orders()) {
      kinds.add(OrderKind.MARKET_BUY);
    }
    kinds = new ArrayList<>(kinds.subList(0, settings.orders()));
    Collections.shuffle(kinds, random);
    List<PlannedOrder> plan = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      OrderKind kind = kinds.get(i);
      String account = accounts.get(random.nextInt(accounts.size()));
      String instrument = INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size()));
      BigDecimal price = prices.get(instrument);
      long quantity = 1 + random.nextInt(10);
      boolean buy = random.nextBoolean();
      String clientOrderId = "run-" + runId + "-" + i;
      String side = buy ? "BUY" : "SELL";
      String away = times(price, buy ? "0.80" : "1.20");
      Terms terms =
          switch (kind) {
            case MARKET_BUY -> Terms.market("BUY", "50.00");
            case MARKET_SELL -> Terms.market("SELL", null);
            case LIMIT_BUY_CROSSING -> Terms.limit("BUY", times(price, "1.03"), null);
            case LIMIT_SELL_CROSSING -> Terms.limit("SELL", times(price, "0.97"), null);
            case LIMIT_RESTING_THEN_CANCELLED, LIMIT_RESTING_UNTIL_EXPIRY ->
                Terms.limit(side, away, null);
            case LIMIT_IOC_AWAY -> Terms.limit(side, away, "IOC");
            case LIMIT_FOK_CROSSING -> Terms.limit("BUY", times(price, "1.03"), "FOK");
            case GTC_RESTING_THEN_CANCELLED, GTC_REPLACED_THEN_CANCELLED ->
                Terms.limit(side, away, "GTC");
            case STOP_BUY_REACHED ->
                new Terms("BUY", "STOP", null, null, null, times(price, "0.97"));
            case STOP_LIMIT_SELL_REACHED ->
                new Terms(
                    "SELL", "STOP_LIMIT", times(price, "0.97"), null, null, times(price, "1.03"));
            case MARKET_CANCELLED_AT_ONCE -> Terms.market(side, null);
            case HALTED -> Terms.limit("BUY", "10.00", null);
            case MORE_THAN_HELD -> Terms.market("SELL", null);
            case FEE_ABOVE_MAX -> Terms.market("BUY", "0.50");
          };
      plan.add(
          new PlannedOrder(
              i,
              kind,
              account,
              clientOrderId,
              terms.side(),
              kind == OrderKind.HALTED ? HALTED : instrument,
              kind == OrderKind.MORE_THAN_HELD ? 1_000_000 : quantity,
              terms.type(),
              terms.limitPrice(),
              terms.maxFee(),
              terms.timeInForce(),
              terms.stopPrice()));
    }
    return plan;
  }

  /** The terms of a planned order of one kind (what varies between kinds). */
  private record Terms(
      String side,
      String type,
      String limitPrice,
      String maxFee,
      String timeInForce,
      String stopPrice) {

    static Terms market(String side, String maxFee) {
      return new Terms(side, "MARKET", null, maxFee, null, null);
    }

    static Terms limit(String side, String limitPrice, String timeInForce) {
      return new Terms(side, "LIMIT", limitPrice, null, timeInForce, null);
    }
  }

  private static Instant sleepUntil(Instant scheduled) throws InterruptedException {
    long wait = Duration.between(Instant.now(), scheduled).toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    return scheduled;
  }

  private static String times(BigDecimal price, String factor) {
    return price
        .multiply(new BigDecimal(factor))
        .setScale(2, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  private Map<String, BigDecimal> prices() throws IOException, InterruptedException {
    Map<String, BigDecimal> prices = new HashMap<>();
    for (JsonNode quote : JSON.readTree(send("GET", venue.resolve("/venue/prices"), null).body())) {
      prices.put(quote.path("instrument").asText(), new BigDecimal(quote.path("price").asText()));
    }
    if (!prices.keySet().containsAll(INSTRUMENTS)) {
      throw new IllegalStateException(
          "the venue quotes " + prices.keySet() + ", not all of " + INSTRUMENTS);
    }
    return prices;
  }

  /**
   * Waits until every order has an end event in the event store, asking each time only about the
   * orders not seen ended yet.
   */
  private static void awaitEnds(EndEvents endEvents, Set<String> orderIds, Duration within)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Set<String> open = new HashSet<>(orderIds);
    while (System.nanoTime() < deadline) {
      open.removeAll(endEvents.having(open, ENDS));
      if (open.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    // Not an exception: the audit reports which orders are still live.
  }

  /**
   * Orders the command API has accepted so far in the current run (for a test that acts mid-run).
   */
  public int placedSoFar() {
    return placed.get();
  }

  /**
   * Sends a request that is safe to repeat — a placement (the order id is derived from the client
   * order id: a repeat is answered 200 with the same order) or a cancel — and repeats it, as a
   * careful customer would, while the command API is unreachable or unavailable (a restart), or
   * pushes back ({@code 503} with {@code Retry-After}: too much work queued), after the pause it
   * asks. A re-sent placement that the first attempt already stored answers 200 instead of 202.
   */
  private HttpResponse<String> sendIdempotent(String method, String path, String body, String token)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    // Unreachable counts from the first failure in a row, not from the first attempt: a placement
    // pushed back for minutes and then sent to an instance that has just died tries the others.
    long unreachableSince = 0;
    long backoff = 100;
    while (true) {
      try {
        HttpResponse<String> response = send(method, commandApi().resolve(path), body, token);
        unreachableSince = 0;
        boolean pushedBack =
            response.statusCode() == 503
                || response.statusCode() == 502
                || response.statusCode() == 429;
        if (!pushedBack || System.nanoTime() > deadline) {
          return response;
        }
        // Pushed back (too much work queued, a rate limit, or a restart): wait as long as the
        // answer asks.
        long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
        if (retryAfter > 0) {
          refused.incrementAndGet();
          Thread.sleep(retryAfter * 1000);
          continue;
        }
      } catch (IOException unreachable) {
        long now = System.nanoTime();
        if (unreachableSince == 0) {
          unreachableSince = now;
        } else if (now - unreachableSince > RETRY_FOR.toNanos()) {
          throw unreachable;
        }
      }
      Thread.sleep(backoff);
      backoff = Math.min(2_000, backoff * 2);
    }
  }

  /** The next command side instance, round robin. */
  private URI commandApi() {
    return commandApis.get(Math.floorMod(nextInstance.getAndIncrement(), commandApis.size()));
  }

  private HttpResponse<String> send(String method, URI uri, String body)
      throws IOException, InterruptedException {
    return send(method, uri, body, null);
  }

  private HttpResponse<String> send(String method, URI uri, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Outcomes of the run's orders by kind, from the audit. */
  static Map<OrderKind, List<OrderOutcome>> byKind(OrderRunResult result) {
    Map<OrderKind, List<OrderOutcome>> byKind = new java.util.EnumMap<>(OrderKind.class);
    for (PlannedOrder order : result.plan()) {
      String orderId = result.orderIds().get(order.index());
      OrderOutcome outcome = orderId == null ? null : result.audit().orders().get(orderId);
      if (outcome != null) {
        byKind.computeIfAbsent(order.kind(), k -> new ArrayList<>()).add(outcome);
      }
    }
    return byKind;
  }
}
