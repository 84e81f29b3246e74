package com.example.trading.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With Elasticsearch gone, queries say the views are unavailable and readiness is DOWN. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "trading.elasticsearch.url=http://127.0.0.1:1",
      "trading.elasticsearch.connect-timeout=500ms"
    })
class QueryWithoutElasticsearchIT {

  @org.springframework.test.context.DynamicPropertySource
  static void issuer(org.springframework.test.context.DynamicPropertyRegistry registry) {
    com.example.trading.teststack.TestStack.get().registerIssuer(registry);
  }

  @LocalServerPort int port;

  @Test
  void queriesAnswerServiceUnavailableAndReadinessIsDown() {
    var response = TestHttp.asOperator().get(port, "/api/orders/" + java.util.UUID.randomUUID());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(TestHttp.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
    assertThat(TestHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  /**
   * What the query side logs while it handles a request names the request's trace and its account
   * or order.
   */
  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  void theLineLoggedForAnUnavailableViewNamesTheTraceAndTheOrderOrAccount(
      org.springframework.boot.test.system.CapturedOutput output) {
    String orderId = java.util.UUID.randomUUID().toString();
    String accountId = "acc-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String orderTrace = java.util.UUID.randomUUID().toString().replace("-", "");
    String accountTrace = java.util.UUID.randomUUID().toString().replace("-", "");
    TestHttp.Caller operator = TestHttp.asOperator();

    assertThat(
            operator
                .send(
                    operator
                        .request(port, "/api/orders/" + orderId)
                        .header("traceparent", "00-" + orderTrace + "-00f067aa0ba902b7-01")
                        .GET())
                .statusCode())
        .isEqualTo(503);
    assertThat(
            operator
                .send(
                    operator
                        .request(port, "/api/accounts/" + accountId + "/orders")
                        .header("traceparent", "00-" + accountTrace + "-00f067aa0ba902b7-01")
                        .GET())
                .statusCode())
        .isEqualTo(503);

    var lines =
        com.example.trading.teststack.JsonLogLines.containing(output.getOut(), "views unavailable");
    var aboutTheOrder =
        lines.stream().filter(line -> orderTrace.equals(line.path("traceId").asText())).toList();
    var aboutTheAccount =
        lines.stream().filter(line -> accountTrace.equals(line.path("traceId").asText())).toList();
    assertThat(aboutTheOrder).as(output.getOut()).hasSize(1);
    assertThat(aboutTheAccount).as(output.getOut()).hasSize(1);
    assertThat(aboutTheOrder.getFirst().path("spanId").asText()).hasSize(16);
    assertThat(aboutTheOrder.getFirst().path("orderId").asText()).isEqualTo(orderId);
    assertThat(aboutTheAccount.getFirst().path("spanId").asText()).hasSize(16);
    assertThat(aboutTheAccount.getFirst().path("accountId").asText()).isEqualTo(accountId);
  }
}
