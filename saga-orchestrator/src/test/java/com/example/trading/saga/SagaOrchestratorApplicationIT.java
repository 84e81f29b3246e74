package com.example.trading.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.teststack.AxonJdbcEventStoreContract;
import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.SecuredApiContract;
import com.example.trading.teststack.TestHttp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaOrchestratorApplicationIT
    implements OperationalEndpointsContract,
        SecuredApiContract,
        AxonJdbcEventStoreContract,
        PublishedApiDocumentContract {

  static String prefix;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    prefix = SagaTestSupport.register(registry, "http://127.0.0.1:9");
  }

  @Test
  void anUnfinishedSagaIsListedWithItsStepAndCountedByStep() {
    String orderId = UUID.randomUUID().toString();
    SagaTestSupport.publish(
        prefix,
        new OrderPlaced(
            orderId,
            "acc-ops",
            "c-ops",
            Side.SELL,
            "AAPL",
            1,
            OrderType.LIMIT,
            new BigDecimal("100.00"),
            null,
            TimeInForce.DAY,
            null),
        0);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> stuck =
                  TestHttp.asOperator().get(port, "/ops/sagas/stuck?olderThan=PT0S");
              assertThat(stuck.statusCode()).isEqualTo(200);
              assertThat(stuck.body())
                  .contains("\"orderId\":\"" + orderId + "\"")
                  .contains("\"step\":\"RESERVING\"");
            });
    assertThat(TestHttp.asOperator().get(port, "/ops/sagas/stuck?olderThan=PT1H").body())
        .doesNotContain(orderId);
    assertThat(TestHttp.asOperator().get(port, "/ops/sagas/" + orderId).body())
        .contains("RESERVING");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(TestHttp.asOperator().get(port, "/actuator/prometheus").body())
                    .containsPattern("trading_saga_active\\{[^}]*step=\"RESERVING\"[^}]*} [1-9]"));
  }

  @Test
  void aMalformedThresholdIsAProblemDocument() {
    HttpResponse<String> response =
        TestHttp.asOperator().get(port, "/ops/sagas/stuck?olderThan=five-minutes");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    assertThat(response.body()).contains("olderThan");
    assertThat(TestHttp.asOperator().get(port, "/ops/sagas/no-such-order").statusCode())
        .isEqualTo(404);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "saga-orchestrator-api.json");
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"db", "kafka"};
  }
}
