package com.example.trading.console.overview;

import com.example.trading.console.services.HttpClients;
import com.example.trading.console.services.ServiceUrls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Prometheus's HTTP API ({@code /api/v1/query_range}) for the overview's charts: one query's series
 * over a window, each on the same time grid (a step that has no sample is null).
 */
@Component
class Prometheus {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One series: its label (the values of the labels it is grouped by) and one value per step. */
  record Series(String label, List<Double> values) {}

  /** A query's answer on the grid {@code times} (epoch seconds). */
  record Range(List<Long> times, List<Series> series) {}

  /** Prometheus did not answer, or refused the query; the page says so instead of a chart. */
  static class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private final URI base;
  private final RestClient http;

  Prometheus(ServiceUrls urls) {
    this.base = urls.prometheusUrl();
    this.http = HttpClients.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  /** {@code promql} over the {@code window} up to {@code end}, one point per {@code step}. */
  Range range(String promql, Instant end, Duration window, Duration step) {
    long stepSeconds = step.toSeconds();
    long last = end.getEpochSecond() / stepSeconds * stepSeconds;
    long first = last - window.toSeconds() / stepSeconds * stepSeconds;
    URI uri =
        UriComponentsBuilder.fromUri(base)
            .path("/api/v1/query_range")
            .queryParam("query", "{query}")
            .queryParam("start", first)
            .queryParam("end", last)
            .queryParam("step", stepSeconds)
            .encode()
            .buildAndExpand(Map.of("query", promql))
            .toUri();
    JsonNode answer;
    try {
      answer = JSON.readTree(http.get().uri(uri).retrieve().body(String.class));
    } catch (Exception e) {
      throw new Unavailable("Prometheus at " + base + " did not answer: " + e.getMessage());
    }
    if (!"success".equals(answer.path("status").asText())) {
      throw new Unavailable("Prometheus refused the query: " + answer.path("error").asText());
    }
    List<Long> times = new ArrayList<>();
    for (long t = first; t <= last; t += stepSeconds) {
      times.add(t);
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode result : answer.path("data").path("result")) {
      Map<Long, Double> byTime = new TreeMap<>();
      for (JsonNode point : result.path("values")) {
        double value = Double.parseDouble(point.get(1).asText());
        byTime.put(point.get(0).asLong(), Double.isFinite(value) ? value : null);
      }
      List<Double> values = new ArrayList<>(times.size());
      for (long t : times) {
        values.add(byTime.get(t));
      }
      series.add(new Series(label(result.path("metric")), values));
    }
    return new Range(times, series);
  }

  /** A series' label: the values of its labels (the query's "by"), or "all" when it has none. */
  private static String label(JsonNode metric) {
    List<String> parts = new ArrayList<>();
    for (Iterator<String> names = metric.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("__name__")) {
        parts.add(metric.path(name).asText());
      }
    }
    return parts.isEmpty() ? "all" : String.join(" ", parts);
  }
}
