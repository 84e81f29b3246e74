package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What every service promises operators, as tests a service's integration test inherits by
 * implementing this interface against a running instance: liveness and readiness probes that are UP
 * when its dependencies answer, {@code /actuator/info} with version and git commit, and Prometheus
 * metrics.
 */
public interface OperationalEndpointsContract {

  /** The port the service under test listens on. */
  int port();

  /**
   * Who reads the operator-only endpoints (an operator of the test issuer; anyone where nothing is
   * secured).
   */
  default TestHttp.Caller operator() {
    return TestHttp.asOperator();
  }

  /** The health components that must be part of this service's readiness, e.g. {@code db}. */
  String[] readinessDependencies();

  @Test
  default void livenessIsUp() {
    HttpResponse<String> response = get("/actuator/health/liveness");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  default void readinessIsUpAndCoversEveryDependency() {
    HttpResponse<String> response = get("/actuator/health/readiness");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode health = json(response.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    for (String dependency : readinessDependencies()) {
      assertThat(health.path("components").path(dependency).path("status").asText())
          .as("readiness covers " + dependency + ": " + response.body())
          .isEqualTo("UP");
    }
  }

  @Test
  default void infoShowsVersionAndCommit() {
    String body = get("/actuator/info").body();
    assertThat(body)
        .contains("\"build\"")
        .contains("\"version\"")
        .contains("\"git\"")
        .contains("\"commit\"");
  }

  @Test
  default void prometheusExposesJvmAndHttpMetrics() {
    HttpResponse<String> response = operator().get(port(), "/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=");
  }

  @Test
  default void publishesItsOpenApiDocumentAndUi() {
    HttpResponse<String> document = get("/v3/api-docs");
    assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
    assertThat(json(document.body()).path("openapi").asText()).startsWith("3.");
    assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private HttpResponse<String> get(String path) {
    return TestHttp.get(port(), path);
  }
}
