package com.example.trading.benchmarks.orders;

import com.example.trading.audit.AuditReport;
import com.example.trading.audit.OrderOutcome;
import com.example.trading.benchmarks.orders.OrderRun.PlannedOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * What a run did: the plan, the order ids the command API gave, when each order was sent, the audit
 * of the run's accounts, and any request that failed.
 *
 * @param orderIds order id by the planned order's index
 * @param sentAt when the client sent each placement, by order id
 * @param started when the first placement was sent
 * @param placedAll when the last placement was answered
 * @param pushedBack answers that asked the client to come back later (503 with Retry-After)
 */
public record OrderRunResult(
    OrderRun.Settings settings,
    List<PlannedOrder> plan,
    Map<Integer, String> orderIds,
    Map<String, Instant> sentAt,
    Instant started,
    Instant placedAll,
    AuditReport audit,
    List<String> failures,
    int pushedBack) {

  /** Orders that ended in a way their kind does not allow (or did not end), one line each. */
  public List<String> unexpectedEnds() {
    return unexpectedEnds(java.util.Set.of());
  }

  /**
   * The same, also allowing {@code alsoAllowed} for every kind (e.g. timeouts during an outage).
   */
  public List<String> unexpectedEnds(java.util.Set<String> alsoAllowed) {
    List<String> unexpected = new ArrayList<>();
    for (PlannedOrder order : plan) {
      String orderId = orderIds.get(order.index());
      OrderOutcome outcome = orderId == null ? null : audit.orders().get(orderId);
      String end = outcome == null ? "NOT PLACED" : outcome.endLabel();
      if (!order.kind().expectedEnds().contains(end) && !alsoAllowed.contains(end)) {
        unexpected.add(
            "#%d %s %s %s: %s%s (expected %s)"
                .formatted(
                    order.index(),
                    order.kind(),
                    orderId,
                    order.body(),
                    end,
                    outcome == null || outcome.detail() == null
                        ? ""
                        : " (" + outcome.detail() + ")",
                    order.kind().expectedEnds()));
      }
    }
    return unexpected;
  }

  /** The ids of the run's orders that have no end event (yet). */
  public List<String> unfinishedOrderIds() {
    List<String> unfinished = new ArrayList<>();
    for (PlannedOrder order : plan) {
      String orderId = orderIds.get(order.index());
      OrderOutcome outcome = orderId == null ? null : audit.orders().get(orderId);
      if (orderId != null && (outcome == null || !outcome.finished())) {
        unfinished.add(orderId);
      }
    }
    return unfinished;
  }

  /** Ends by kind, e.g. {@code MARKET_CANCELLED_AT_ONCE={CANCELLED=31, FILLED=19}}. */
  public Map<OrderKind, Map<String, Long>> endsByKind() {
    Map<OrderKind, Map<String, Long>> ends = new TreeMap<>();
    OrderRun.byKind(this)
        .forEach(
            (kind, outcomes) ->
                outcomes.forEach(
                    outcome ->
                        ends.computeIfAbsent(kind, k -> new TreeMap<>())
                            .merge(outcome.endLabel(), 1L, Long::sum)));
    return ends;
  }

  /** The time from the first placement sent to the last end stored. */
  public Duration elapsed() {
    Instant last =
        audit.orders().values().stream()
            .filter(OrderOutcome::finished)
            .map(OrderOutcome::finishedAt)
            .max(Instant::compareTo)
            .orElse(placedAll);
    return Duration.between(started, last);
  }

  /** Orders per second, end to end: every order of the run over {@link #elapsed()}. */
  public double ordersPerSecond() {
    return plan.size() / (elapsed().toMillis() / 1000.0);
  }

  /** Placements answered per second by the command API. */
  public double placementsPerSecond() {
    return plan.size() / (Duration.between(started, placedAll).toMillis() / 1000.0);
  }

  /**
   * Milliseconds from sending the placement to the end event's store time, of the orders that
   * match.
   */
  public Histogram placementToEnd(Predicate<OrderKind> kinds) {
    Histogram histogram = new Histogram(3);
    for (PlannedOrder order : plan) {
      String orderId = orderIds.get(order.index());
      OrderOutcome outcome = orderId == null ? null : audit.orders().get(orderId);
      if (outcome != null && outcome.finished() && kinds.test(order.kind())) {
        histogram.recordValue(
            Math.max(0, Duration.between(sentAt.get(orderId), outcome.finishedAt()).toMillis()));
      }
    }
    return histogram;
  }

  /** The report of a run, for people. */
  public String summary() {
    Histogram all = placementToEnd(kind -> true);
    Histogram direct = placementToEnd(kind -> !kind.restsByDesign());
    StringBuilder out = new StringBuilder();
    out.append(
        "%d orders over %d accounts, %d clients, %s, seed %d, partial fills %s, expiry %s%n"
            .formatted(
                plan.size(),
                settings.accounts(),
                settings.clients(),
                settings.ratePerSecond() > 0
                    ? "paced at " + settings.ratePerSecond() + " orders/s"
                    : "unpaced",
                settings.seed(),
                settings.partialFills(),
                settings.withExpiry()));
    out.append(
        "placements answered: %.1f/s; end to end: %.1f orders/s (%.1f s from the first placement to the last end)%n"
            .formatted(placementsPerSecond(), ordersPerSecond(), elapsed().toMillis() / 1000.0));
    if (pushedBack > 0) {
      out.append(
          "placements pushed back (503, Retry-After) and sent again: %d%n".formatted(pushedBack));
    }
    out.append(line("placement -> end, all orders", all));
    out.append(line("placement -> end, not resting by design", direct));
    out.append(
        line(
            "placement -> end, MARKET orders",
            placementToEnd(kind -> kind == OrderKind.MARKET_BUY || kind == OrderKind.MARKET_SELL)));
    endsByKind().forEach((kind, ends) -> out.append("  %-30s %s%n".formatted(kind, ends)));
    out.append(audit);
    if (!failures.isEmpty()) {
      out.append("FAILED REQUESTS (%d):%n".formatted(failures.size()));
      failures.stream()
          .limit(20)
          .forEach(f -> out.append("    ").append(f).append(System.lineSeparator()));
    }
    List<String> unexpected = unexpectedEnds();
    if (!unexpected.isEmpty()) {
      out.append("UNEXPECTED ENDS (%d):%n".formatted(unexpected.size()));
      unexpected.stream()
          .limit(20)
          .forEach(u -> out.append("    ").append(u).append(System.lineSeparator()));
    }
    return out.toString();
  }

  private static String line(String name, Histogram histogram) {
    return "%-42s p50 %6d ms   p99 %6d ms   max %6d ms   (%d orders)%n"
        .formatted(
            name,
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(99),
            histogram.getMaxValue(),
            histogram.getTotalCount());
  }

  /**
   * True when every invariant holds, every order ended as its kind allows, and no request failed.
   */
  public boolean passed() {
    return passed(java.util.Set.of());
  }

  /** The same, also allowing {@code alsoAllowed} as any order's end. */
  public boolean passed(java.util.Set<String> alsoAllowed) {
    return audit.holds() && unexpectedEnds(alsoAllowed).isEmpty() && failures.isEmpty();
  }
}
