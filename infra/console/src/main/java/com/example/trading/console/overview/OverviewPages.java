package com.example.trading.console.overview;

import com.example.trading.console.overview.OverviewCharts.Chart;
import com.example.trading.console.overview.OverviewCharts.Query;
import com.example.trading.console.services.HttpClients;
import com.example.trading.console.services.ServiceUnavailable;
import com.example.trading.console.services.ServiceUrls;
import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Answer;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClient;

/**
 * The overview: whether every service and server is ready, and the charts of the last hour drawn
 * from Prometheus (each naming its queries). The services are asked for their health with the
 * operator's token (with their components: the servers they use); the identity provider, Zipkin and
 * Prometheus for their own readiness. Prometheus and the servers are asked in parallel while the
 * services are asked in turn (with the request's token), so the page waits for about the slower of
 * the two.
 */
@Controller
class OverviewPages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Duration STEP = Duration.ofMinutes(1);

  /** The servers behind the services' health components. */
  private static final Map<String, String> SERVERS =
      Map.of("db", "PostgreSQL", "kafka", "Kafka", "elasticsearch", "Elasticsearch");

  /** One row of the readiness table. */
  record Readiness(String name, String kind, String status, String detail) {
    public boolean up() {
      return status.equals("UP");
    }
  }

  /** A chart as the page draws it: the data for uPlot, and each series' latest value for people. */
  record Drawn(
      Chart chart, String data, Map<String, String> latest, String unavailable, String explore) {}

  private final TradingApis apis;
  private final Prometheus prometheus;
  private final ServiceUrls urls;
  private final RestClient probes;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Clock clock = Clock.systemUTC();

  OverviewPages(TradingApis apis, Prometheus prometheus, ServiceUrls urls) {
    this.apis = apis;
    this.prometheus = prometheus;
    this.urls = urls;
    this.probes = HttpClients.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  @GetMapping("/overview")
  String overview(Model model) {
    Instant now = clock.instant();
    CompletableFuture<Readiness> identity =
        async(() -> probe("Identity provider", urls.issuer(), "/actuator/health/readiness"));
    CompletableFuture<Readiness> zipkin = async(() -> probe("Zipkin", urls.zipkinUrl(), "/health"));
    CompletableFuture<Readiness> metrics =
        async(() -> probe("Prometheus", urls.prometheusUrl(), "/-/ready"));
    List<CompletableFuture<Drawn>> charts = new ArrayList<>();
    for (Chart chart : OverviewCharts.ALL) {
      charts.add(async(() -> draw(chart, now)));
    }

    // The services are asked on this thread, meanwhile: the operator's token is the request's.
    List<Readiness> services = new ArrayList<>();
    Map<String, List<String>> serverSeenBy = new TreeMap<>();
    Map<String, String> serverStatus = new TreeMap<>();
    for (Service service : Service.values()) {
      JsonNode body = health(service);
      String name = service.name().toLowerCase(Locale.ROOT);
      List<String> components = new ArrayList<>();
      body.path("components")
          .properties()
          .forEach(
              component -> {
                String status = component.getValue().path("status").asText("UNKNOWN");
                components.add(component.getKey() + " " + status);
                String server = SERVERS.get(component.getKey());
                if (server != null) {
                  serverSeenBy.computeIfAbsent(server, s -> new ArrayList<>()).add(name);
                  serverStatus.merge(server, status, OverviewPages::worse);
                }
              });
      services.add(
          new Readiness(
              name,
              "service",
              body.path("status").asText("NOT ANSWERING"),
              body.has("problem") ? body.path("problem").asText() : String.join(", ", components)));
    }
    services.add(identity.join());
    List<Readiness> servers = new ArrayList<>();
    serverStatus.forEach(
        (server, status) ->
            servers.add(
                new Readiness(
                    server,
                    "server",
                    status,
                    "as the "
                        + String.join(", ", serverSeenBy.get(server))
                        + " service(s) see it")));
    servers.add(zipkin.join());
    servers.add(metrics.join());

    model.addAttribute("services", services);
    model.addAttribute("servers", servers);
    model.addAttribute("charts", charts.stream().map(CompletableFuture::join).toList());
    model.addAttribute("prometheus", urls.prometheusLinkUrl());
    model.addAttribute("at", now);
    return "overview";
  }

  private <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, threads);
  }

  /** A service's health with its components, or why it gave none. */
  private JsonNode health(Service service) {
    try {
      Answer answer = apis.read(service, "/actuator/health");
      if (answer.body().has("status")) {
        return answer.body();
      }
      return JSON.createObjectNode()
          .put("status", "UNKNOWN")
          .put("problem", "health answered " + answer.status());
    } catch (ServiceUnavailable e) {
      return JSON.createObjectNode().put("status", "NOT ANSWERING").put("problem", e.getMessage());
    }
  }

  /** A server's own readiness: {@code UP} when {@code path} answers 2xx. */
  private Readiness probe(String name, URI base, String path) {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
    try {
      int status =
          probes
              .get()
              .uri(uri)
              .exchange((request, response) -> response.getStatusCode().value(), true);
      return new Readiness(
          name,
          "server",
          status >= 200 && status < 300 ? "UP" : "DOWN",
          uri + " answered " + status);
    } catch (RuntimeException e) {
      return new Readiness(name, "server", "NOT ANSWERING", uri + ": " + e.getMessage());
    }
  }

  private Drawn draw(Chart chart, Instant now) {
    String explore =
        urls.prometheusLinkUrl().toString().replaceAll("/+$", "")
            + "/graph?g0.range_input=1h&g0.expr="
            + java.net.URLEncoder.encode(
                chart.queries().get(0).promql(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      List<Long> times = null;
      List<Map<String, Object>> series = new ArrayList<>();
      Map<String, String> latest = new LinkedHashMap<>();
      for (Query query : chart.queries()) {
        Prometheus.Range range = prometheus.range(query.promql(), now, WINDOW, STEP);
        times = range.times();
        for (Prometheus.Series one : range.series()) {
          String label =
              one.label().equals("all") ? query.name() : query.name() + " " + one.label();
          series.add(Map.of("label", label, "values", one.values()));
          latest.put(label, latestOf(one.values()));
        }
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("unit", chart.unit());
      data.put("times", times);
      data.put("series", series);
      return new Drawn(chart, JSON.writeValueAsString(data), latest, null, explore);
    } catch (Prometheus.Unavailable e) {
      return new Drawn(chart, null, Map.of(), e.getMessage(), explore);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String latestOf(List<Double> values) {
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        return String.format(Locale.ROOT, "%.3g", values.get(i));
      }
    }
    return "no sample";
  }

  /** The worse of two health statuses: anything but UP wins. */
  private static String worse(String a, String b) {
    return a.equals("UP") ? b : a;
  }
}
