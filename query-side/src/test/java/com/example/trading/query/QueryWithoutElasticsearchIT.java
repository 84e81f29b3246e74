package com.example.trading.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With Elasticsearch gone, queries say the views are unavailable and readiness is DOWN. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"trading.elasticsearch.url=http://127.0.0.1:1", "trading.elasticsearch.connect-timeout=500ms"})
class QueryWithoutElasticsearchIT {

  @org.springframework.test.context.DynamicPropertySource
  static void issuer(org.springframework.test.context.DynamicPropertyRegistry registry) {
    com.example.trading.teststack.TestStack.get().registerIssuer(registry);
  }

  @LocalServerPort
  int port;

  @Test
  void queriesAnswerServiceUnavailableAndReadinessIsDown() {
    var response = TestHttp.asOperator().get(port, "/api/orders/" + java.util.UUID.randomUUID());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(TestHttp.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
    assertThat(TestHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
  }
}
