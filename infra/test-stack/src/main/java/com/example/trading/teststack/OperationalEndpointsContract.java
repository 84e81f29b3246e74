package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every service promises operators, as tests a service's integration test inherits by
 * implementing this interface against a running instance: liveness and readiness probes that are
 * UP when its dependencies answer, {@code /actuator/info} with version and git commit, and
 * Prometheus metrics.
 */
public interface OperationalEndpointsContract {

  /** The port the service under test listens on. */
  int port();

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
    assertThat(response.body()).contains("\"status\":\"UP\"");
    for (String dependency : readinessDependencies()) {
      assertThat(response.body()).as("readiness covers " + dependency).contains("\"" + dependency + "\":{\"status\":\"UP\"");
    }
  }

  @Test
  default void infoShowsVersionAndCommit() {
    String body = get("/actuator/info").body();
    assertThat(body).contains("\"build\"").contains("\"version\"").contains("\"git\"").contains("\"commit\"");
  }

  @Test
  default void prometheusExposesJvmAndHttpMetrics() {
    HttpResponse<String> response = get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=");
  }

  private HttpResponse<String> get(String path) {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
