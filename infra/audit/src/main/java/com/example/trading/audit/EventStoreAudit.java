package com.example.trading.audit;

import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderExpired;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRequested;
import com.example.trading.schemas.OrderEvent.OrderReplaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderEvent.OrderTriggered;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeSchedule;
import com.example.trading.schemas.order.OrderRejectReason;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the invariants of DOMAIN.md against the command side's event store, which is the truth the
 * views are built from. It folds every holding event by event (so a negative balance that was later
 * repaired is still caught), gathers each order's order, fee and holding events by order id, and
 * cross-checks the streams: what the holdings moved must be exactly what the order stream's fills
 * and the fee stream say, once each.
 *
 * <p>Scope: all accounts, or the given ones (a test's accounts on a shared store). Run it on a
 * quiet system for a verdict on {@link Invariant#EVERY_ORDER_FINISHED} and conservation; holdings
 * with an order still in flight are reported as not balanced rather than as violations.
 *
 * <p>As a command: {@code make audit} (environment {@code POSTGRES_HOST}, {@code POSTGRES_PORT},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, {@code POSTGRES_COMMAND_DB}); exit status 0
 * when every invariant holds, 1 when one is violated, 2 when the store cannot be read. {@code
 * --allow-live} accepts orders that have not finished yet.
 */
public final class EventStoreAudit {

  private final Set<String> accounts;
  private final Map<String, Ledger> holdings = new LinkedHashMap<>();
  private final Map<String, History> orders = new LinkedHashMap<>();
  private final Map<Invariant, List<String>> violations = AuditReport.emptyViolations();
  private long eventsInScope;

  /** Events in scope by who caused them (their metadata's principal). */
  private final Map<String, Long> eventsByPrincipal = new java.util.TreeMap<>();

  private EventStoreAudit(Set<String> accounts) {
    this.accounts = accounts;
  }

  /** Audits every account in the store. */
  public static AuditReport of(Connection connection) throws SQLException {
    return of(connection, Set.of());
  }

  /** Audits the given accounts (all when empty). */
  public static AuditReport of(Connection connection, Set<String> accounts) throws SQLException {
    EventStoreAudit audit = new EventStoreAudit(accounts);
    long read = new EventStoreReader(connection).readAll(audit::accept);
    return audit.check(read);
  }

  /** Audits events already read, in global order. */
  static AuditReport of(List<StoredEvent> events, Set<String> accounts) {
    EventStoreAudit audit = new EventStoreAudit(accounts);
    events.forEach(audit::accept);
    return audit.check(events.size());
  }

  public static void main(String[] args) {
    boolean allowLive = List.of(args).contains("--allow-live");
    String url =
        "jdbc:postgresql://"
            + env("POSTGRES_HOST", "127.0.0.1")
            + ":"
            + env("POSTGRES_PORT", "15432")
            + "/"
            + env("POSTGRES_COMMAND_DB", "command");
    AuditReport report;
    try (Connection connection =
        DriverManager.getConnection(
            url, env("POSTGRES_USER", "trading"), env("POSTGRES_PASSWORD", "trading"))) {
      report = of(connection);
    } catch (SQLException e) {
      System.err.println("error: cannot read the event store at " + url + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(report);
    boolean holds = allowLive ? report.holds(Invariant.EVERY_ORDER_FINISHED) : report.holds();
    System.out.println(holds ? "every invariant holds" : "INVARIANTS VIOLATED");
    System.exit(holds ? 0 : 1);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private boolean inScope(String accountId) {
    return accounts.isEmpty() || accounts.contains(accountId);
  }

  private void violation(Invariant invariant, String what) {
    violations.get(invariant).add(what);
  }

  // ---------------------------------------------------------------- reading

  private void accept(StoredEvent stored) {
    long before = eventsInScope;
    acceptPayload(stored);
    if (eventsInScope > before) {
      eventsByPrincipal.merge(
          stored.principal() == null ? "(not recorded)" : stored.principal(), 1L, Long::sum);
    }
  }

  private void acceptPayload(StoredEvent stored) {
    switch (stored.payload()) {
      case HoldingEvent event -> {
        if (inScope(event.accountId())) {
          eventsInScope++;
          ledger(event).apply(event, stored);
          if (orderIdOf(event) != null) {
            history(orderIdOf(event)).holdingEvents.add(event);
          }
        }
      }
      case FeeEvent event -> {
        if (inScope(event.accountId())) {
          eventsInScope++;
          history(event.orderId()).feeEvents.add(event);
        }
      }
      case OrderPlaced placed -> {
        if (inScope(placed.accountId())) {
          eventsInScope++;
          History history = history(placed.orderId());
          history.placed = placed;
          history.placedAt = stored.storedAt();
          history.quantity = placed.quantity();
        }
      }
      case OrderEvent event -> {
        History history = orders.get(event.orderId());
        if (history != null) {
          eventsInScope++;
          history.record(event, stored.storedAt());
        }
      }
      case AccountEvent event -> {
        if (inScope(event.accountId())) {
          eventsInScope++;
        }
      }
    }
  }

  private Ledger ledger(HoldingEvent event) {
    return holdings.computeIfAbsent(
        event.holdingId(), id -> new Ledger(id, event.accountId(), event.asset()));
  }

  private History history(String orderId) {
    return orders.computeIfAbsent(orderId, History::new);
  }

  private static String orderIdOf(HoldingEvent event) {
    return switch (event) {
      case HoldingDeposited ignored -> null;
      case HoldingReserved e -> e.orderId();
      case HoldingReservationRejected e -> e.orderId();
      case HoldingReservationReleased e -> e.orderId();
      case HoldingReservationAdjusted e -> e.orderId();
      case HoldingReservationAdjustmentRejected e -> e.orderId();
      case HoldingDebited e -> e.orderId();
      case HoldingCredited e -> e.orderId();
    };
  }

  /** One holding folded event by event, checking the balance after each. */
  private final class Ledger {
    final String holdingId;
    final String accountId;
    final String asset;
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;
    BigDecimal deposited = BigDecimal.ZERO;
    final Map<String, BigDecimal> reservations = new HashMap<>();

    Ledger(String holdingId, String accountId, String asset) {
      this.holdingId = holdingId;
      this.accountId = accountId;
      this.asset = asset;
    }

    void apply(HoldingEvent event, StoredEvent stored) {
      switch (event) {
        case HoldingDeposited e -> {
          quantity = quantity.add(e.quantity());
          deposited = deposited.add(e.quantity());
        }
        case HoldingReserved e -> {
          reservations.merge(e.orderId(), e.quantity(), BigDecimal::add);
          reserved = reserved.add(e.quantity());
        }
        case HoldingReservationReleased e -> {
          BigDecimal outstanding = reservations.remove(e.orderId());
          if (outstanding != null) {
            reserved = reserved.subtract(outstanding);
          }
        }
        case HoldingDebited e -> {
          quantity = quantity.subtract(e.quantity());
          if (reservations.containsKey(e.orderId())) {
            reservations.merge(e.orderId(), e.quantity().negate(), BigDecimal::add);
            reserved = reserved.subtract(e.quantity());
          }
        }
        case HoldingReservationAdjusted e -> {
          if (reservations.containsKey(e.orderId())) {
            reservations.merge(e.orderId(), e.change(), BigDecimal::add);
            reserved = reserved.add(e.change());
          }
        }
        case HoldingCredited e -> quantity = quantity.add(e.quantity());
        case HoldingReservationRejected ignored -> {}
        case HoldingReservationAdjustmentRejected ignored -> {}
      }
      if (quantity.signum() < 0 || reserved.signum() < 0 || reserved.compareTo(quantity) > 0) {
        violation(
            Invariant.HOLDINGS_NEVER_NEGATIVE,
            "%s after event %d (%s): quantity %s, reserved %s"
                .formatted(
                    holdingId,
                    stored.globalIndex(),
                    event.getClass().getSimpleName(),
                    quantity.toPlainString(),
                    reserved.toPlainString()));
      }
    }
  }

  /** Everything the store holds about one order, from its three streams. */
  private static final class History {
    final String orderId;
    OrderPlaced placed;
    Instant placedAt;

    /** The quantity the order works under: the placement's, then each confirmed replace's. */
    long quantity;

    /** Replaces requested, and the answers (replaced or refused) each got, by replace id. */
    final Set<String> replacesRequested = new LinkedHashSet<>();

    final Map<String, Integer> replaceAnswers = new HashMap<>();
    final List<OrderFilled> fills = new ArrayList<>();
    final List<OrderEvent> ends = new ArrayList<>();
    Instant finishedAt;
    int eventsAfterEnd;
    final List<HoldingEvent> holdingEvents = new ArrayList<>();
    final List<FeeEvent> feeEvents = new ArrayList<>();

    History(String orderId) {
      this.orderId = orderId;
    }

    void record(OrderEvent event, Instant storedAt) {
      if (!ends.isEmpty()) {
        eventsAfterEnd++;
      }
      switch (event) {
        case OrderFilled fill -> fills.add(fill);
        case OrderReplaceRequested e -> replacesRequested.add(e.replaceId());
        case OrderReplaced e -> {
          quantity = e.quantity();
          replaceAnswers.merge(e.replaceId(), 1, Integer::sum);
        }
        case OrderReplaceRejected e -> replaceAnswers.merge(e.replaceId(), 1, Integer::sum);
        case OrderCompleted e -> end(e, storedAt);
        case OrderRejected e -> end(e, storedAt);
        case OrderCancelled e -> end(e, storedAt);
        case OrderExpired e -> end(e, storedAt);
        // what the audit checks of these, it checks from the fills, the replaces and the end
        case OrderPlaced e -> {}
        case OrderTriggered e -> {}
        case OrderAccepted e -> {}
        case OrderSubmitted e -> {}
        case OrderCancellationRequested e -> {}
      }
    }

    private void end(OrderEvent event, Instant storedAt) {
      if (ends.isEmpty()) {
        finishedAt = storedAt;
      }
      ends.add(event);
    }

    boolean finished() {
      return !ends.isEmpty();
    }

    long filled() {
      return fills.stream().mapToLong(OrderFilled::quantity).sum();
    }

    <T> List<T> all(List<? super T> events, Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    String reservedAsset() {
      return placed.side() == Side.SELL ? placed.instrument() : Assets.CASH;
    }

    String receivedAsset() {
      return placed.side() == Side.SELL ? Assets.CASH : placed.instrument();
    }

    OrderOutcome outcome() {
      OrderEvent end = ends.isEmpty() ? null : ends.get(0);
      return new OrderOutcome(
          orderId,
          placed.accountId(),
          placed.clientOrderId(),
          end == null ? null : end.getClass().getSimpleName(),
          end instanceof OrderRejected rejected ? rejected.reason().name() : null,
          end instanceof OrderRejected rejected ? rejected.detail() : null,
          quantity,
          filled(),
          placedAt,
          finishedAt,
          fills.size());
    }
  }

  // ---------------------------------------------------------------- checking

  private AuditReport check(long eventsRead) {
    Map<String, OrderOutcome> outcomes = new LinkedHashMap<>();
    Map<String, BigDecimal> expectedMovements = new HashMap<>();
    Set<String> holdingsInFlight = new HashSet<>();
    for (History order : orders.values()) {
      if (order.placed == null) {
        violation(
            Invariant.ORDERS_CONSISTENT,
            order.orderId + " has holding or fee events but no OrderPlaced");
        continue;
      }
      outcomes.put(order.orderId, order.outcome());
      checkOrder(order);
      checkFee(order);
      checkFills(order);
      checkReservation(order);
      String cash = Assets.holdingId(order.placed.accountId(), Assets.CASH);
      String instrument = Assets.holdingId(order.placed.accountId(), order.placed.instrument());
      if (order.finished()) {
        movementsOf(order)
            .forEach(
                (holding, amount) -> expectedMovements.merge(holding, amount, BigDecimal::add));
      } else {
        holdingsInFlight.add(cash);
        holdingsInFlight.add(instrument);
        violation(
            Invariant.EVERY_ORDER_FINISHED,
            order.orderId + " (" + order.placed.clientOrderId() + ") is live");
      }
    }
    int notBalanced = 0;
    for (Ledger ledger : holdings.values()) {
      if (holdingsInFlight.contains(ledger.holdingId)) {
        notBalanced++;
        continue;
      }
      BigDecimal expected =
          ledger.deposited.add(expectedMovements.getOrDefault(ledger.holdingId, BigDecimal.ZERO));
      if (expected.compareTo(ledger.quantity) != 0) {
        violation(
            Invariant.ASSETS_CONSERVED,
            "%s holds %s, deposits and fills say %s"
                .formatted(
                    ledger.holdingId, ledger.quantity.toPlainString(), expected.toPlainString()));
      }
      if (ledger.reserved.signum() != 0) {
        violation(
            Invariant.NO_RESERVATION_AFTER_FINISH,
            "%s still has %s reserved with no live order: %s"
                .formatted(ledger.holdingId, ledger.reserved.toPlainString(), ledger.reservations));
      }
    }
    Map<String, HoldingBalance> balances = new LinkedHashMap<>();
    holdings
        .values()
        .forEach(
            l ->
                balances.put(
                    l.holdingId,
                    new HoldingBalance(l.holdingId, l.accountId, l.asset, l.quantity, l.reserved)));
    return new AuditReport(
            eventsRead,
            eventsInScope,
            holdings.size(),
            notBalanced,
            outcomes,
            balances,
            violations,
            eventsByPrincipal)
        .sealed();
  }

  private void checkOrder(History order) {
    long filled = 0;
    Set<String> fillIds = new HashSet<>();
    for (OrderFilled fill : order.fills) {
      filled += fill.quantity();
      if (!fillIds.add(fill.fillId())) {
        violation(
            Invariant.NOTHING_APPLIED_TWICE,
            order.orderId + ": fill " + fill.fillId() + " recorded twice");
      }
      if (fill.filledQuantity() != filled) {
        violation(
            Invariant.ORDERS_CONSISTENT,
            "%s: fill %s says %d filled, the fills sum to %d"
                .formatted(order.orderId, fill.fillId(), fill.filledQuantity(), filled));
      }
    }
    if (filled > order.quantity) {
      violation(
          Invariant.ORDERS_CONSISTENT,
          "%s: %d filled of %d".formatted(order.orderId, filled, order.quantity));
    }
    order.replaceAnswers.forEach(
        (replaceId, answers) -> {
          if (answers > 1 || !order.replacesRequested.contains(replaceId)) {
            violation(
                Invariant.NOTHING_APPLIED_TWICE,
                "%s: replace %s answered %d times, requested: %s"
                    .formatted(
                        order.orderId,
                        replaceId,
                        answers,
                        order.replacesRequested.contains(replaceId)));
          }
        });
    if (order.ends.size() > 1) {
      violation(
          Invariant.NOTHING_APPLIED_TWICE,
          order.orderId + " ended " + order.ends.size() + " times: " + order.ends);
    }
    if (order.eventsAfterEnd > 0) {
      violation(
          Invariant.ORDERS_CONSISTENT,
          order.orderId + ": " + order.eventsAfterEnd + " events after its end");
    }
    if (!order.finished()) {
      return;
    }
    order.replacesRequested.stream()
        .filter(replaceId -> !order.replaceAnswers.containsKey(replaceId))
        .forEach(
            replaceId ->
                violation(
                    Invariant.ORDERS_CONSISTENT,
                    order.orderId + " finished with replace " + replaceId + " unanswered"));
    OrderEvent end = order.ends.get(0);
    long endFilled =
        switch (end) {
          case OrderCompleted e -> e.filledQuantity();
          case OrderCancelled e -> e.filledQuantity();
          case OrderExpired e -> e.filledQuantity();
          default -> 0;
        };
    boolean completed = end instanceof OrderCompleted;
    if (endFilled != filled || completed != (filled == order.quantity)) {
      violation(
          Invariant.ORDERS_CONSISTENT,
          "%s ended %s with %d filled; the fills sum to %d of %d"
              .formatted(
                  order.orderId,
                  end.getClass().getSimpleName(),
                  endFilled,
                  filled,
                  order.quantity));
    }
    if (end instanceof OrderRejected rejected) {
      boolean reservationRefused =
          !order.all(order.holdingEvents, HoldingReservationRejected.class).isEmpty();
      boolean feeRefused = !order.all(order.feeEvents, FeeChargeRejected.class).isEmpty();
      if ((rejected.reason() == OrderRejectReason.INSUFFICIENT_HOLDING) != reservationRefused
          || (rejected.reason() == OrderRejectReason.FEE_REJECTED) != feeRefused) {
        violation(
            Invariant.ORDERS_CONSISTENT,
            "%s rejected %s, but the holding refused: %s, the fee refused: %s"
                .formatted(order.orderId, rejected.reason(), reservationRefused, feeRefused));
      }
    }
  }

  private void checkFee(History order) {
    List<FeeCharged> charged = order.all(order.feeEvents, FeeCharged.class);
    List<FeeSettled> settled = order.all(order.feeEvents, FeeSettled.class);
    List<FeeRefunded> refunded = order.all(order.feeEvents, FeeRefunded.class);
    if (charged.size() > 1 || settled.size() > 1 || refunded.size() > 1) {
      violation(
          Invariant.NOTHING_APPLIED_TWICE,
          "%s: fee charged %d, settled %d, refunded %d times"
              .formatted(order.orderId, charged.size(), settled.size(), refunded.size()));
    }
    if (charged.isEmpty()) {
      if (!settled.isEmpty() || !refunded.isEmpty() || !order.fills.isEmpty()) {
        violation(
            Invariant.FEE_ON_WHAT_TRADED,
            order.orderId + ": settled, refunded or filled without a fee charged");
      }
      return;
    }
    BigDecimal held = heldAtEnd(order);
    if (!settled.isEmpty() && !refunded.isEmpty()) {
      violation(
          Invariant.FEE_ON_WHAT_TRADED, order.orderId + ": fee both settled and refunded whole");
    }
    if (refunded.stream().anyMatch(r -> r.amount().compareTo(held) != 0)) {
      violation(
          Invariant.FEE_ON_WHAT_TRADED,
          order.orderId + ": charged " + held + " but " + order.feeEvents);
    }
    for (FeeSettled settlement : settled) {
      checkSettlement(order, charged.get(0).schedule(), held, settlement);
    }
    if (order.finished()) {
      boolean somethingFilled = !order.fills.isEmpty();
      if (somethingFilled ? settled.isEmpty() : refunded.isEmpty()) {
        violation(
            Invariant.FEE_ON_WHAT_TRADED,
            "%s finished with %d filled, but its fee was %s"
                .formatted(
                    order.orderId,
                    order.filled(),
                    settled.isEmpty()
                        ? (refunded.isEmpty() ? "left open" : "refunded")
                        : "settled"));
      }
    }
  }

  /**
   * A settlement pays the fee due on what the order's fills traded under the schedule the hold
   * named (at most the hold; a sale, at most its proceeds) and refunds the rest of the hold. One
   * stored before fees were settled on what traded (revision 1) settled the whole hold.
   */
  private void checkSettlement(
      History order, String schedule, BigDecimal held, FeeSettled settlement) {
    if (settlement.amount().add(settlement.refunded()).compareTo(held) != 0) {
      violation(
          Invariant.FEE_ON_WHAT_TRADED,
          "%s: charged %s, but settled %s + refunded %s"
              .formatted(order.orderId, held, settlement.amount(), settlement.refunded()));
      return;
    }
    if (!settlement.onWhatTraded()) {
      return;
    }
    BigDecimal traded = tradedNotional(order);
    BigDecimal due = FeeSchedule.named(schedule).feeFor(traded).min(held);
    if (order.placed != null && order.placed.side() == Side.SELL) {
      due = due.min(traded);
    }
    if (settlement.executedNotional().compareTo(traded) != 0
        || settlement.amount().compareTo(due) != 0) {
      violation(
          Invariant.FEE_ON_WHAT_TRADED,
          "%s: settled %s on %s traded, but its fills traded %s, on which %s is due"
              .formatted(
                  order.orderId, settlement.amount(), settlement.executedNotional(), traded, due));
    }
  }

  /**
   * What the fee holds when the order ends: the charge, or the last adjustment of it (a replace).
   */
  private static BigDecimal heldAtEnd(History order) {
    BigDecimal held = null;
    for (FeeEvent event : order.feeEvents) {
      if (event instanceof FeeCharged charged) {
        held = charged.amount();
      } else if (event instanceof FeeHoldAdjusted adjusted) {
        held = adjusted.amount();
      }
    }
    return held;
  }

  /** Σ price × quantity of the order's fills, each in cents, as the saga settles them. */
  private static BigDecimal tradedNotional(History order) {
    return sum(
        order.fills, f -> Assets.cents(f.price().multiply(BigDecimal.valueOf(f.quantity()))));
  }

  private void checkFills(History order) {
    Map<String, List<HoldingDebited>> debits =
        order.all(order.holdingEvents, HoldingDebited.class).stream()
            .collect(Collectors.groupingBy(HoldingDebited::fillId));
    Map<String, List<HoldingCredited>> credits =
        order.all(order.holdingEvents, HoldingCredited.class).stream()
            .collect(Collectors.groupingBy(HoldingCredited::fillId));
    Set<String> fillIds = order.fills.stream().map(OrderFilled::fillId).collect(Collectors.toSet());
    debits.forEach(
        (fillId, list) -> {
          if (list.size() > 1) {
            violation(
                Invariant.NOTHING_APPLIED_TWICE,
                order.orderId + ": fill " + fillId + " settled " + list.size() + " times");
          }
          if (order.finished() && !fillIds.contains(fillId)) {
            violation(
                Invariant.ASSETS_CONSERVED,
                order.orderId + ": settled fill " + fillId + " the order never recorded");
          }
          if (list.stream().anyMatch(d -> !d.asset().equals(order.reservedAsset()))) {
            violation(
                Invariant.ASSETS_CONSERVED,
                order.orderId + ": fill " + fillId + " settled from the wrong asset");
          }
        });
    credits.forEach(
        (fillId, list) -> {
          if (list.size() > 1) {
            violation(
                Invariant.NOTHING_APPLIED_TWICE,
                order.orderId + ": fill " + fillId + " credited " + list.size() + " times");
          }
          if (order.finished() && !fillIds.contains(fillId)) {
            violation(
                Invariant.ASSETS_CONSERVED,
                order.orderId + ": credited fill " + fillId + " the order never recorded");
          }
          if (list.stream().anyMatch(c -> !c.asset().equals(order.receivedAsset()))) {
            violation(
                Invariant.ASSETS_CONSERVED,
                order.orderId + ": fill " + fillId + " credited in the wrong asset");
          }
        });
    for (OrderFilled fill : order.fills) {
      if (!debits.containsKey(fill.fillId())) {
        violation(
            Invariant.ASSETS_CONSERVED,
            order.orderId + ": fill " + fill.fillId() + " was never settled");
      }
    }
  }

  private void checkReservation(History order) {
    List<HoldingReserved> reserved = order.all(order.holdingEvents, HoldingReserved.class);
    List<HoldingReservationReleased> released =
        order.all(order.holdingEvents, HoldingReservationReleased.class);
    if (reserved.size() > 1 || released.size() > 1) {
      violation(
          Invariant.NOTHING_APPLIED_TWICE,
          "%s: reserved %d and released %d times"
              .formatted(order.orderId, reserved.size(), released.size()));
    }
    if (reserved.stream().anyMatch(r -> !r.asset().equals(order.reservedAsset()))) {
      violation(
          Invariant.ORDERS_CONSISTENT, order.orderId + " reserved the wrong asset: " + reserved);
    }
    if (!order.finished() || reserved.isEmpty()) {
      return;
    }
    BigDecimal left =
        sum(reserved, HoldingReserved::quantity)
            .add(
                sum(
                    order.all(order.holdingEvents, HoldingReservationAdjusted.class),
                    HoldingReservationAdjusted::change))
            .subtract(
                sum(order.all(order.holdingEvents, HoldingDebited.class), HoldingDebited::quantity))
            .subtract(sum(released, HoldingReservationReleased::quantity));
    if (left.signum() != 0 || released.isEmpty()) {
      violation(
          Invariant.NO_RESERVATION_AFTER_FINISH,
          "%s finished with %s of its reservation %s"
              .formatted(
                  order.orderId,
                  left.toPlainString(),
                  released.isEmpty() ? "never released" : "unaccounted for"));
    }
  }

  /**
   * What a finished order moved on its account's holdings, derived from the order stream (fills)
   * and the fee stream alone — the rules of DOMAIN.md step 4, independently of the holding events.
   */
  private static Map<String, BigDecimal> movementsOf(History order) {
    Map<String, BigDecimal> moved = new HashMap<>();
    if (order.fills.isEmpty()) {
      return moved;
    }
    String account = order.placed.accountId();
    BigDecimal proceeds = tradedNotional(order);
    BigDecimal shares = BigDecimal.valueOf(order.filled());
    BigDecimal fee = sum(order.all(order.feeEvents, FeeSettled.class), FeeSettled::amount);
    String cash = Assets.holdingId(account, Assets.CASH);
    String instrument = Assets.holdingId(account, order.placed.instrument());
    if (order.placed.side() == Side.SELL) {
      moved.put(instrument, shares.negate());
      moved.put(cash, proceeds.subtract(fee.min(proceeds)));
    } else {
      moved.put(cash, proceeds.add(fee).negate());
      moved.put(instrument, shares);
    }
    return moved;
  }

  private static <T> BigDecimal sum(List<T> items, Function<T, BigDecimal> amount) {
    return items.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
