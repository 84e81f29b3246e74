package com.example.trading.exchange.order;

import com.example.trading.exchange.execution.Execution;
import com.example.trading.exchange.execution.ExecutionFeed;
import com.example.trading.exchange.execution.ExecutionType;
import com.example.trading.exchange.execution.RejectReason;
import com.example.trading.exchange.journal.JsonLinesJournal;
import com.example.trading.exchange.market.ReferencePrices;
import com.example.trading.exchange.settings.VenueSettings;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The venue's order book and matching rules. Every order it receives is answered ACCEPTED or
 * REJECTED; what then happens to it (fills, a cancel, an expiry, a rejection) is appended to the
 * {@link ExecutionFeed}.
 *
 * <ul>
 *   <li>Orders on a halted instrument are rejected ({@code INSTRUMENT_HALTED}), on an unlisted one
 *       too ({@code UNKNOWN_INSTRUMENT}); at the reject rate, acceptable orders are rejected at
 *       random ({@code RANDOM_REJECT}).
 *   <li>A MARKET order fills at once, up to the configured slippage worse than the reference price,
 *       never beyond its price protection: when the reference price already is, it is rejected
 *       ({@code PRICE_PROTECTION}).
 *   <li>A LIMIT order fills when the reference price reaches its limit (BUY: price ≤ limit, SELL:
 *       price ≥ limit), at the reference price, which is the limit or better: at once if it already
 *       has, otherwise at the first tick that does. It rests until then, until it is cancelled, or
 *       until its expiry, when its remainder expires at the next tick.
 *   <li>A STOP or STOP_LIMIT order waits until the reference price reaches its stop (a BUY's when
 *       it rises to it, a SELL's when it falls to it; at once if it already has): a {@code
 *       TRIGGERED} execution, then it works as a MARKET order within its protection (STOP; while
 *       the price is beyond it, it waits) or a LIMIT order (STOP_LIMIT).
 *   <li>Time in force: DAY rests until the session close, GTC until cancelled, IOC and FOK end on
 *       arrival (FOK fills whole or not at all); what they did not fill is cancelled.
 *   <li>With partial fills on, an order fills in 2–3 parts (when it has more than one share): a
 *       MARKET order all at once, a LIMIT order one part per crossing tick. Parts sum to the
 *       quantity.
 *   <li>Placement is idempotent by client order id: the same terms again get the same answer and
 *       change nothing; other terms under a known id are refused ({@link
 *       OrderRefusal.ClientOrderIdReused}).
 *   <li>Cancel ends a live order's remainder; cancelling a cancelled order answers the same again.
 * </ul>
 *
 * <p>Durability: every change is decided, written to the journal as one {@link BookEntry} and
 * fsync'd, and only then applied in memory and published to the feed; an answer is given after
 * that. So every answer and every execution a reader has seen survives a crash, with the same
 * sequence and fill id, and opening the book replays the journal through the same code that applied
 * it live.
 *
 * <p>Thread-safety: one lock around the whole book. Requests and the price tick are serialized,
 * journal write included; the venue is a test stand-in, and correctness matters more to it than
 * throughput. Deterministic for a given clock, random generator and sequence of calls.
 */
public final class OrderBook {

  private static final Logger log = LoggerFactory.getLogger(OrderBook.class);
  private static final String JOURNAL_FILE = "order-book.jsonl";

  /**
   * Decimals are written as strings, so a replay reads back exactly the prices that were written.
   */
  private static final JsonMapper JOURNAL_JSON =
      JsonMapper.builder()
          .withConfigOverride(
              BigDecimal.class,
              o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
          .build();

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, VenueOrder> orders = new HashMap<>();

  /**
   * Live orders that may rest (LIMIT, STOP, STOP_LIMIT), oldest first: a tick triggers and matches
   * them in the order they arrived.
   */
  private final Map<String, VenueOrder> resting = new LinkedHashMap<>();

  private final ExecutionFeed feed;
  private final ReferencePrices prices;
  private final VenueRules rules;
  private final Supplier<VenueSettings> settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final MeterRegistry meters;
  private @Nullable JsonLinesJournal<BookEntry> journal;

  private OrderBook(
      ExecutionFeed feed,
      ReferencePrices prices,
      VenueRules rules,
      Supplier<VenueSettings> settings,
      Clock clock,
      RandomGenerator random,
      MeterRegistry meters) {
    this.feed = feed;
    this.prices = prices;
    this.rules = rules;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.meters = meters;
  }

  /**
   * Opens the book kept in {@code journalDirectory}: replays its journal into the book and into the
   * (empty) feed, then records every further change there.
   *
   * @throws IllegalStateException when the journal is in use or does not describe a possible
   *     history
   */
  public static OrderBook open(
      Path journalDirectory,
      ExecutionFeed feed,
      ReferencePrices prices,
      VenueRules rules,
      Supplier<VenueSettings> settings,
      Clock clock,
      RandomGenerator random,
      MeterRegistry meters) {
    if (feed.lastSequence() != 0) {
      throw new IllegalArgumentException("the feed must start empty: the journal fills it");
    }
    OrderBook book = new OrderBook(feed, prices, rules, settings, clock, random, meters);
    book.journal =
        JsonLinesJournal.open(
            journalDirectory.resolve(JOURNAL_FILE), BookEntry.class, JOURNAL_JSON, book::apply);
    log.atInfo()
        .addKeyValue("journal", book.journal.file())
        .addKeyValue("orders", book.orders.size())
        .addKeyValue("lastSequence", feed.lastSequence())
        .log("order book replayed");
    return book;
  }

  /** Places an order, or answers a repeated placement as the first time. */
  public PlacementAnswer place(OrderTerms terms) {
    lock.lock();
    try {
      VenueOrder known = orders.get(terms.clientOrderId());
      if (known != null) {
        if (!known.placedTerms().sameAs(terms)) {
          throw new OrderRefusal.ClientOrderIdReused(terms.clientOrderId());
        }
        return known.placementAnswer();
      }
      Instant now = clock.instant();
      VenueSettings current = settings.get();
      String id = terms.clientOrderId();
      Instant expiresAt = expiryOf(terms, now);
      Batch batch = new Batch(now);
      Optional<RejectReason> refusal = screen(terms, now, current);
      if (refusal.isPresent()) {
        batch.add(ExecutionType.REJECTED, id, null, terms.quantity(), null, refusal.get());
      } else {
        matchOnArrival(terms, current, batch);
      }
      commit(new BookEntry(new PlacedOrder(terms, expiresAt, now), batch.executions));
      PlacementAnswer answer = orders.get(id).placementAnswer();
      Counter.builder("exchange.orders.received")
          .description("Orders received, by the venue's answer")
          .tag("outcome", answer.status().name())
          .tag("reason", answer.reason() == null ? "none" : answer.reason().name())
          .register(meters)
          .increment();
      log.atInfo()
          .addKeyValue("venueOrderId", id)
          .addKeyValue("instrument", terms.instrument())
          .addKeyValue("side", terms.side())
          .addKeyValue("type", terms.type())
          .addKeyValue("quantity", terms.quantity())
          .addKeyValue("status", answer.status())
          .addKeyValue("reason", answer.reason())
          .log("order received");
      return answer;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What an accepted order does on arrival: a stop order whose stop is not reached rests (one whose
   * stop is reached triggers and goes on as below); a MARKET order (a triggered STOP within its
   * protection) fills at once (in parts with partial fills on), a LIMIT order (a triggered
   * STOP_LIMIT) whose limit is reached fills its first part; a FOK order fills whole in one fill or
   * not at all; an IOC or FOK order's remainder is then cancelled.
   */
  private void matchOnArrival(OrderTerms terms, VenueSettings current, Batch batch) {
    String id = terms.clientOrderId();
    BigDecimal reference = prices.price(terms.instrument()).orElseThrow();
    if (terms.type().hasStopPrice()) {
      if (!reachesStop(terms, reference)) {
        return;
      }
      batch.add(ExecutionType.TRIGGERED, id, null, terms.quantity(), reference, null);
    }
    TimeInForce timeInForce = terms.timeInForce();
    long filled = 0;
    if (timeInForce == TimeInForce.FOK) {
      if (fillable(terms, reference)) {
        batch.fill(id, 1, terms.quantity(), fillPrice(terms, reference));
        filled = terms.quantity();
      }
    } else {
      filled = fillWorking(terms, 0, terms.quantity(), reference, current.partialFills(), batch);
    }
    if (timeInForce != null && timeInForce.endsOnArrival() && filled < terms.quantity()) {
      batch.add(ExecutionType.CANCELLED, id, null, terms.quantity() - filled, null, null);
    }
  }

  /**
   * When a resting order's remainder expires: DAY at the next session close (or its own expiry, if
   * earlier); GTC only at its own expiry, if any; IOC and FOK end on arrival; without a time in
   * force at its own expiry or after the TTL. MARKET orders fill on arrival and never rest.
   */
  private @Nullable Instant expiryOf(OrderTerms terms, Instant now) {
    if (terms.type() == OrderType.MARKET) {
      return null;
    }
    if (terms.timeInForce() == null) {
      return terms.expiresAt() != null ? terms.expiresAt() : now.plus(rules.limitOrderTtl());
    }
    return switch (terms.timeInForce()) {
      case DAY -> {
        Instant close = rules.nextSessionClose(now);
        yield terms.expiresAt() != null && terms.expiresAt().isBefore(close)
            ? terms.expiresAt()
            : close;
      }
      case GTC -> terms.expiresAt();
      case IOC, FOK -> null;
    };
  }

  /**
   * Closes the trading session now: the remainder of every live DAY order expires, as at the
   * configured session close.
   *
   * @return how many orders expired
   */
  public int closeSession() {
    lock.lock();
    try {
      Batch batch = new Batch(clock.instant());
      for (VenueOrder order : resting.values()) {
        if (order.terms().timeInForce() == TimeInForce.DAY) {
          batch.add(ExecutionType.EXPIRED, order.id(), null, order.remaining(), null, null);
        }
      }
      if (!batch.executions.isEmpty()) {
        commit(new BookEntry(null, batch.executions));
      }
      log.atInfo().addKeyValue("expired", batch.executions.size()).log("session closed");
      return batch.executions.size();
    } finally {
      lock.unlock();
    }
  }

  /** The order's current state, when the venue knows it. */
  public Optional<OrderView> find(String venueOrderId) {
    lock.lock();
    try {
      return Optional.ofNullable(orders.get(venueOrderId)).map(VenueOrder::view);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels a live order's unfilled remainder; a cancelled order is answered the same again.
   *
   * @throws OrderRefusal.UnknownOrder when there is no such order
   * @throws OrderRefusal.OrderAlreadyFinished when it is FILLED, EXPIRED or REJECTED
   */
  public CancelAnswer cancel(String venueOrderId) {
    lock.lock();
    try {
      VenueOrder order = orders.get(venueOrderId);
      if (order == null) {
        throw new OrderRefusal.UnknownOrder(venueOrderId);
      }
      if (order.status() == OrderStatus.CANCELLED) {
        return order.cancelAnswer();
      }
      if (!order.status().isLive()) {
        throw new OrderRefusal.OrderAlreadyFinished(venueOrderId, order.status());
      }
      Batch batch = new Batch(clock.instant());
      batch.add(ExecutionType.CANCELLED, venueOrderId, null, order.remaining(), null, null);
      commit(new BookEntry(null, batch.executions));
      return order.cancelAnswer();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces a live order's quantity, limit, stop and price protection (each as its type has them);
   * the same replace id again answers the order as it is. What the new terms fill at once (a limit
   * now reached, a stop now triggered) fills in the same change.
   *
   * @throws OrderRefusal.UnknownOrder when there is no such order
   * @throws OrderRefusal.ReplaceRefused when it has ended, is a MARKET order, has filled as much as
   *     the new quantity, or its stop has triggered and the replace changes the stop; and at the
   *     reject rate, at random
   * @throws OrderRefusal.InvalidReplace when a price is missing or not the order type's
   */
  public OrderView replace(
      String venueOrderId,
      String replaceId,
      long quantity,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice,
      @Nullable BigDecimal priceProtection) {
    lock.lock();
    try {
      VenueOrder order = orders.get(venueOrderId);
      if (order == null) {
        throw new OrderRefusal.UnknownOrder(venueOrderId);
      }
      if (order.replaced(replaceId)) {
        return order.view();
      }
      OrderTerms terms = order.terms();
      requireFits(venueOrderId, terms.type(), limitPrice, stopPrice, priceProtection);
      if (!order.status().isLive()) {
        throw new OrderRefusal.ReplaceRefused(venueOrderId, order.status(), "it has ended");
      }
      if (terms.type() == OrderType.MARKET) {
        throw new OrderRefusal.ReplaceRefused(
            venueOrderId, order.status(), "a MARKET order does not rest");
      }
      long filled = terms.quantity() - order.remaining();
      if (quantity <= filled) {
        throw new OrderRefusal.ReplaceRefused(
            venueOrderId,
            order.status(),
            "quantity " + quantity + " is not more than the " + filled + " filled");
      }
      if (order.triggered() && stopPrice.compareTo(terms.stopPrice()) != 0) {
        throw new OrderRefusal.ReplaceRefused(
            venueOrderId, order.status(), "its stop has triggered");
      }
      // Drawn only when the setting is on, so it does not disturb a seeded run that never uses it.
      VenueSettings current = settings.get();
      if (current.rejectRate() > 0 && random.nextDouble() < current.rejectRate()) {
        throw new OrderRefusal.ReplaceRefused(
            venueOrderId, order.status(), "refused at random (the venue's reject rate)");
      }
      Instant now = clock.instant();
      Replacement replacement =
          new Replacement(
              venueOrderId, replaceId, quantity, limitPrice, stopPrice, priceProtection, now);
      OrderTerms next = terms.replacedBy(replacement);
      Batch batch = new Batch(now);
      Optional<BigDecimal> price = prices.price(terms.instrument());
      if (price.isPresent()) {
        workAt(next, order, price.get(), current.partialFills(), batch);
      }
      commit(new BookEntry(null, batch.executions, replacement));
      log.atInfo()
          .addKeyValue("venueOrderId", venueOrderId)
          .addKeyValue("replaceId", replaceId)
          .addKeyValue("quantity", quantity)
          .addKeyValue("limitPrice", limitPrice)
          .addKeyValue("stopPrice", stopPrice)
          .log("order replaced");
      return order.view();
    } finally {
      lock.unlock();
    }
  }

  private static void requireFits(
      String venueOrderId,
      OrderType type,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice,
      @Nullable BigDecimal priceProtection) {
    if (type.hasLimitPrice() != (limitPrice != null)) {
      throw new OrderRefusal.InvalidReplace(
          venueOrderId,
          "a " + type + " order " + (type.hasLimitPrice() ? "needs" : "has no") + " limitPrice");
    }
    if (type.hasStopPrice() != (stopPrice != null)) {
      throw new OrderRefusal.InvalidReplace(
          venueOrderId,
          "a " + type + " order " + (type.hasStopPrice() ? "needs" : "has no") + " stopPrice");
    }
    if (priceProtection != null && !type.fillsAtMarket()) {
      throw new OrderRefusal.InvalidReplace(
          venueOrderId, "a " + type + " order has no priceProtection");
    }
  }

  /**
   * What a resting order does at this price: a stop not yet triggered triggers when the price
   * reaches its stop (otherwise nothing), then the order fills what it fills at the price.
   */
  private void workAt(
      OrderTerms terms, VenueOrder order, BigDecimal price, boolean partialFills, Batch batch) {
    long remaining = terms.quantity() - (order.terms().quantity() - order.remaining());
    if (terms.type().hasStopPrice() && !order.triggered()) {
      if (!reachesStop(terms, price)) {
        return;
      }
      batch.add(ExecutionType.TRIGGERED, order.id(), null, remaining, price, null);
    }
    fillWorking(terms, order.fills(), remaining, price, partialFills, batch);
  }

  /**
   * Moves the market one tick: reference prices take one step, then each resting order, oldest
   * first, expires when its expiry has come, or else fills when the new price reaches its limit.
   */
  public void tick() {
    lock.lock();
    try {
      prices.step();
      if (resting.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      boolean partialFills = settings.get().partialFills();
      Batch batch = new Batch(now);
      for (VenueOrder order : resting.values()) {
        if (order.expiresAt() != null && !order.expiresAt().isAfter(now)) {
          batch.add(ExecutionType.EXPIRED, order.id(), null, order.remaining(), null, null);
          continue;
        }
        // An instrument delisted since the order arrived has no price: the order waits for expiry.
        Optional<BigDecimal> price = prices.price(order.terms().instrument());
        if (price.isEmpty()) {
          continue;
        }
        workAt(order.terms(), order, price.get(), partialFills, batch);
      }
      if (!batch.executions.isEmpty()) {
        commit(new BookEntry(null, batch.executions));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops recording changes; the book refuses changes afterwards. */
  public void close() {
    lock.lock();
    try {
      if (journal != null) {
        journal.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the book can still record changes (its journal has not failed). */
  public boolean healthy() {
    JsonLinesJournal<BookEntry> current = journal;
    return current != null && current.healthy();
  }

  private Optional<RejectReason> screen(OrderTerms terms, Instant now, VenueSettings current) {
    if (rules.haltedInstruments().contains(terms.instrument())) {
      return Optional.of(RejectReason.INSTRUMENT_HALTED);
    }
    if (!prices.lists(terms.instrument())) {
      return Optional.of(RejectReason.UNKNOWN_INSTRUMENT);
    }
    if (terms.expiresAt() != null && !terms.expiresAt().isAfter(now)) {
      return Optional.of(RejectReason.ALREADY_EXPIRED);
    }
    // Drawn only when the setting is on, so it does not disturb a seeded run that never uses it.
    if (current.rejectRate() > 0 && random.nextDouble() < current.rejectRate()) {
      return Optional.of(RejectReason.RANDOM_REJECT);
    }
    // A MARKET order beyond its protection cannot fill at all; a STOP waits for its trigger.
    BigDecimal reference = prices.price(terms.instrument()).orElseThrow();
    if (terms.type() == OrderType.MARKET && !withinProtection(terms, reference)) {
      return Optional.of(RejectReason.PRICE_PROTECTION);
    }
    return Optional.empty();
  }

  /**
   * A price for one MARKET fill: up to the slippage worse than the reference, never beyond the
   * protection (which {@link #screen} has checked the reference price is within).
   */
  private BigDecimal marketFillPrice(OrderTerms terms, BigDecimal reference) {
    long slippageCents =
        rules.marketSlippage().setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    BigDecimal slippage = BigDecimal.valueOf(random.nextLong(slippageCents + 1), 2);
    BigDecimal protection = terms.priceProtection();
    if (terms.side() == Side.BUY) {
      BigDecimal price = reference.add(slippage);
      return protection == null ? price : price.min(protection.setScale(2, RoundingMode.FLOOR));
    }
    BigDecimal price = reference.subtract(slippage).max(new BigDecimal("0.01"));
    return protection == null ? price : price.max(protection.setScale(2, RoundingMode.CEILING));
  }

  /**
   * Fills what a working order fills at this reference price: one that fills at the market (MARKET,
   * a triggered STOP) all that remains at once, in parts with partial fills on, while the price is
   * within its protection; one with a limit (LIMIT, a triggered STOP_LIMIT) its next part, when the
   * price reaches the limit.
   *
   * @return how much it filled
   */
  private long fillWorking(
      OrderTerms terms,
      int fillsSoFar,
      long remaining,
      BigDecimal reference,
      boolean partialFills,
      Batch batch) {
    String id = terms.clientOrderId();
    if (!fillable(terms, reference)) {
      return 0;
    }
    if (!terms.type().fillsAtMarket()) {
      long part = nextFill(remaining, fillsSoFar, partialFills);
      batch.fill(id, fillsSoFar + 1, part, reference);
      return part;
    }
    long filled = 0;
    for (int fills = fillsSoFar; filled < remaining; fills++) {
      long part = nextFill(remaining - filled, fills, partialFills);
      batch.fill(id, fills + 1, part, marketFillPrice(terms, reference));
      filled += part;
    }
    return filled;
  }

  /**
   * Whether a working order may fill at this reference price: at the market within its protection,
   * or when the price reaches its limit.
   */
  private static boolean fillable(OrderTerms terms, BigDecimal reference) {
    return terms.type().fillsAtMarket()
        ? withinProtection(terms, reference)
        : crosses(terms, reference);
  }

  /**
   * The price of a whole fill of a working order: at the market (with slippage) or the reference.
   */
  private BigDecimal fillPrice(OrderTerms terms, BigDecimal reference) {
    return terms.type().fillsAtMarket() ? marketFillPrice(terms, reference) : reference;
  }

  private static boolean withinProtection(OrderTerms terms, BigDecimal reference) {
    BigDecimal protection = terms.priceProtection();
    return protection == null
        || (terms.side() == Side.BUY
            ? reference.compareTo(protection) <= 0
            : reference.compareTo(protection) >= 0);
  }

  /**
   * Whether the last price has reached a stop order's stop: a BUY's when it has risen to it, a
   * SELL's when it has fallen to it.
   */
  private static boolean reachesStop(OrderTerms stopOrder, BigDecimal price) {
    int comparison = price.compareTo(stopOrder.stopPrice());
    return stopOrder.side() == Side.BUY ? comparison >= 0 : comparison <= 0;
  }

  private static boolean crosses(OrderTerms limitOrder, BigDecimal price) {
    int comparison = price.compareTo(limitOrder.limitPrice());
    return limitOrder.side() == Side.BUY ? comparison <= 0 : comparison >= 0;
  }

  /**
   * The size of an order's next fill. Without partial fills, all that remains. With them, the first
   * two fills take a random part and leave at least one share, and a third takes the rest: an order
   * of two shares or more fills in two or three parts.
   */
  private long nextFill(long remaining, int fillsSoFar, boolean partialFills) {
    if (!partialFills || remaining == 1 || fillsSoFar >= 2) {
      return remaining;
    }
    return 1 + random.nextLong(remaining - 1);
  }

  private void commit(BookEntry entry) {
    if (journal == null) {
      throw new IllegalStateException("the order book is not open");
    }
    journal.append(entry);
    apply(entry);
    for (Execution execution : entry.executions()) {
      if (execution.type() == ExecutionType.FILL) {
        Counter.builder("exchange.fills")
            .description("Fills executed")
            .tag("instrument", orders.get(execution.venueOrderId()).terms().instrument())
            .register(meters)
            .increment();
      }
      if (execution.type() != ExecutionType.REJECTED) {
        log.atInfo()
            .addKeyValue("venueOrderId", execution.venueOrderId())
            .addKeyValue("sequence", execution.sequence())
            .addKeyValue("execution", execution.type())
            .addKeyValue("fillId", execution.fillId())
            .addKeyValue("quantity", execution.quantity())
            .addKeyValue("price", execution.price())
            .log("execution");
      }
    }
  }

  /** Applies one journal entry, live or replayed; the feed checks the sequences have no gap. */
  private void apply(BookEntry entry) {
    if (entry.replaced() != null) {
      VenueOrder order = orders.get(entry.replaced().venueOrderId());
      if (order == null) {
        throw new IllegalStateException("replace of unknown order " + entry.replaced());
      }
      order.replace(entry.replaced());
    }
    if (entry.placed() != null) {
      VenueOrder order = new VenueOrder(entry.placed());
      if (orders.putIfAbsent(order.id(), order) != null) {
        throw new IllegalStateException("order " + order.id() + " placed twice in the journal");
      }
      if (order.terms().type() != OrderType.MARKET) {
        resting.put(order.id(), order);
      }
    }
    for (Execution execution : entry.executions()) {
      VenueOrder order = orders.get(execution.venueOrderId());
      if (order == null) {
        throw new IllegalStateException(
            "execution " + execution.sequence() + " of unknown order " + execution.venueOrderId());
      }
      order.apply(execution);
      if (!order.status().isLive()) {
        resting.remove(order.id());
      }
      feed.append(execution);
    }
  }

  /** The executions of one change, numbered from the feed's next sequence. */
  private final class Batch {

    private final Instant at;
    private final List<Execution> executions = new ArrayList<>();

    Batch(Instant at) {
      this.at = at;
    }

    void fill(String venueOrderId, int fillNumber, long quantity, BigDecimal price) {
      add(
          ExecutionType.FILL,
          venueOrderId,
          venueOrderId + "-F" + fillNumber,
          quantity,
          price,
          null);
    }

    void add(
        ExecutionType type,
        String venueOrderId,
        @Nullable String fillId,
        long quantity,
        @Nullable BigDecimal price,
        @Nullable RejectReason reason) {
      long sequence = feed.lastSequence() + executions.size() + 1;
      executions.add(
          new Execution(sequence, type, venueOrderId, fillId, quantity, price, reason, at));
    }
  }
}
