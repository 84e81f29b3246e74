package com.example.trading.audit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an audit found: the violations of each invariant (with the ids involved), and what it looked
 * at.
 *
 * @param eventsRead events read from the store (all of it, whatever the scope)
 * @param eventsInScope the events of the accounts in scope
 * @param holdingsChecked holdings in scope
 * @param holdingsNotBalanced holdings whose conservation was not checked because an order on them
 *     is still live
 * @param orders every order in scope, by order id
 * @param holdings every holding in scope as folded from its events, by holding id
 * @param eventsByPrincipal the events in scope by who caused them ({@code operator:…}, {@code
 *     customer:…}, {@code service:…}; "(not recorded)" for events stored before principals were
 *     recorded)
 */
public record AuditReport(
    long eventsRead,
    long eventsInScope,
    int holdingsChecked,
    int holdingsNotBalanced,
    Map<String, OrderOutcome> orders,
    Map<String, HoldingBalance> holdings,
    Map<Invariant, List<String>> violations,
    Map<String, Long> eventsByPrincipal) {

  public List<String> violationsOf(Invariant invariant) {
    return violations.getOrDefault(invariant, List.of());
  }

  /** True when no invariant is violated, {@code ignored} aside. */
  public boolean holds(Invariant... ignored) {
    List<Invariant> skip = List.of(ignored);
    return violations.entrySet().stream()
        .filter(e -> !skip.contains(e.getKey()))
        .allMatch(e -> e.getValue().isEmpty());
  }

  /** Orders in scope by how they ended (FILLED, REJECTED reason, CANCELLED, EXPIRED, LIVE). */
  public Map<String, Long> endings() {
    return orders.values().stream()
        .collect(
            Collectors.groupingBy(OrderOutcome::endLabel, TreeMap::new, Collectors.counting()));
  }

  /**
   * A report for people: what was checked, and every violation (the first 20 of each invariant).
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(
        "event store audit: %d events read, %d in scope: %d orders and %d holdings%n"
            .formatted(eventsRead, eventsInScope, orders.size(), holdingsChecked));
    out.append("orders by end: ").append(endings()).append(System.lineSeparator());
    out.append("events by principal: ").append(eventsByPrincipal).append(System.lineSeparator());
    if (holdingsNotBalanced > 0) {
      out.append(
          "%d holdings not balanced: an order on them is still live%n"
              .formatted(holdingsNotBalanced));
    }
    for (Invariant invariant : Invariant.values()) {
      List<String> found = violationsOf(invariant);
      out.append(
          "%-28s %s  (%s)%n"
              .formatted(
                  invariant,
                  found.isEmpty() ? "holds" : found.size() + " VIOLATIONS",
                  invariant.meaning()));
      found.stream()
          .limit(20)
          .forEach(v -> out.append("    ").append(v).append(System.lineSeparator()));
    }
    return out.toString();
  }

  static Map<Invariant, List<String>> emptyViolations() {
    Map<Invariant, List<String>> violations = new EnumMap<>(Invariant.class);
    for (Invariant invariant : Invariant.values()) {
      violations.put(invariant, new java.util.ArrayList<>());
    }
    return violations;
  }

  AuditReport sealed() {
    Map<Invariant, List<String>> frozen = new EnumMap<>(Invariant.class);
    violations.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new AuditReport(
        eventsRead,
        eventsInScope,
        holdingsChecked,
        holdingsNotBalanced,
        Collections.unmodifiableMap(orders),
        Collections.unmodifiableMap(holdings),
        Collections.unmodifiableMap(frozen),
        Collections.unmodifiableMap(new java.util.TreeMap<>(eventsByPrincipal)));
  }
}
