package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per order journey, read back from the real Zipkin the services export to: an order
 * placed through the command API shows its trace id in the query API, and that trace holds the
 * steps of every process — the command, the relay, the saga's steps and its venue calls (and the
 * venue's own side of them), the outbox and the view updates — each naming the order; and the
 * orchestrator's log lines about the order carry the trace id.
 */
class OrderTraceE2EIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = RunningSystem.get();
  }

  @Test
  void anOrdersJourneyIsOneTraceAcrossEveryProcess() throws Exception {
    String account = "acc-trace-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-trace-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode order = system.aFilledMarketSell(account, customer, "c-1");
    String orderId = order.path("orderId").asText();
    String traceId = order.path("traceId").asText();
    assertThat(traceId).as("the order's trace id in the query API").matches("[0-9a-f]{32}");

    JsonNode spans =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              JsonNode trace = zipkinTrace(traceId);
              Set<String> names = new HashSet<>();
              trace.forEach(span -> names.add(span.path("name").asText()));
              return names.containsAll(
                      List.of(
                          "http post /api/orders",
                          "command placeorder",
                          "relay orderplaced",
                          "saga orderplaced",
                          "venue submit",
                          "http post /venue/orders",
                          "outbox publish completeorder",
                          "command completeorder",
                          "view customer-orders ordercompleted"))
                  ? trace
                  : null;
            });

    Set<String> services = new HashSet<>();
    for (JsonNode span : spans) {
      assertThat(span.path("traceId").asText()).isEqualTo(traceId);
      services.add(span.path("localEndpoint").path("serviceName").asText());
      String name = span.path("name").asText();
      if (name.startsWith("command ")
          || name.startsWith("saga ")
          || name.startsWith("venue ")
          || name.startsWith("relay ")
          || name.startsWith("outbox ")
          || name.startsWith("view ")) {
        assertThat(span.path("tags").path("correlationId").asText()).as(name).isEqualTo(orderId);
      }
    }
    assertThat(services)
        .contains("command-side", "saga-orchestrator", "projections", "exchange-simulator");

    // The orchestrator's own log lines about the order carry the trace (its process's real output).
    List<String> lines = java.nio.file.Files.readAllLines(system.saga.logFile().toPath());
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(traceId).contains(orderId));
  }

  private static JsonNode zipkinTrace(String traceId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(TestStack.get().zipkinUrl() + "/api/v2/trace/" + traceId))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
  }
}
