package com.example.trading.console.overview;

import java.util.List;

/**
 * The overview's charts over the last hour, each with the Prometheus queries it draws (shown on the
 * page as its source). The metrics are the services' own (Micrometer, scraped by Prometheus).
 */
final class OverviewCharts {

  /** One line (or one per label value) of a chart. */
  record Query(String name, String promql) {}

  /** A chart: its element id, title, unit and queries. */
  record Chart(String id, String title, String unit, List<Query> queries) {}

  static final List<Chart> ALL =
      List.of(
          new Chart(
              "orders",
              "Orders per minute: placed, and ended by end state",
              "orders/min",
              List.of(
                  new Query("placed", "sum(increase(trading_orders_placed_total[1m]))"),
                  new Query(
                      "ended", "sum by (outcome) (increase(trading_saga_finished_total[1m]))"))),
          new Chart(
              "latency",
              "Placement → end, p50 and p99 (over 5 minutes)",
              "s",
              List.of(
                  new Query(
                      "p50",
                      "histogram_quantile(0.5, sum by (le)"
                          + " (rate(trading_saga_placement_to_end_seconds_bucket[5m])))"),
                  new Query(
                      "p99",
                      "histogram_quantile(0.99, sum by (le)"
                          + " (rate(trading_saga_placement_to_end_seconds_bucket[5m])))"))),
          new Chart(
              "lag",
              "Projection lag by view",
              "s",
              List.of(new Query("lag", "max by (view) (trading_projection_lag_seconds)"))),
          new Chart(
              "outbox",
              "Outbox backlog: the orchestrator's commands not yet on Kafka",
              "commands",
              List.of(new Query("pending", "max(trading_saga_outbox_pending)"))),
          new Chart(
              "breaker",
              "Venue circuit breakers: the state each is in (a line at 1 while in it)",
              "in state",
              List.of(
                  new Query(
                      "breaker", "max by (name, state) (resilience4j_circuitbreaker_state == 1)"))),
          new Chart(
              "errors",
              "5xx answers per second by service (over 5 minutes)",
              "answers/s",
              List.of(
                  new Query(
                      "5xx",
                      "sum by (application)"
                          + " (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"))));

  private OverviewCharts() {}
}
