package com.example.trading.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Queries waiting for their writes are bounded: with one allowed to wait, a second that would have
 * to wait is refused at once (503, Retry-After, its own problem type) while the first still waits.
 * The views never reach the token here (no projection runs), so the first waits its whole timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadYourWritesLimitIT {

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack.get().registerElasticsearch(registry);
    TestStack.get().registerIssuer(registry);
    registry.add("trading.query.read-your-writes-max-waiting", () -> "1");
    registry.add("trading.query.read-your-writes-timeout", () -> "8s");
  }

  @Test
  void aQueryThatWouldWaitBeyondTheBoundIsRefusedAtOnce() {
    String unreached = "/api/orders/" + UUID.randomUUID() + "?minPosition=order-0-999999999";
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> TestHttp.asOperator().get(port, unreached));
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);

    HttpResponse<String> second = TestHttp.asOperator().get(port, unreached);

    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(second.body()).contains("too-many-waiting-reads");
    assertThat(first).as("the first is still waiting").isNotDone();
    assertThat(first.join().statusCode()).isEqualTo(503);
    assertThat(first.join().body()).contains("view-behind");
    assertThat(waiting()).isZero();
  }

  private double waiting() {
    return meters.get("trading.query.read.your.writes.waiting").gauge().value();
  }
}
