package com.example.trading.saga.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The venue client's resilience against a venue that answers 503: bounded retries, then an open
 * breaker.
 */
class VenueClientTest {

  HttpServer server;
  final AtomicInteger calls = new AtomicInteger();
  VenueClient client;
  CircuitBreaker breaker;

  @BeforeEach
  void venueThatAlwaysFails() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    MarketProperties properties =
        new MarketProperties(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            3,
            Duration.ofMillis(1),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    MarketConfiguration configuration = new MarketConfiguration();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    var breakers = configuration.venueCircuitBreakers(meters, Duration.ofMinutes(1));
    breaker = breakers.circuitBreaker(VenueClient.ORDER_ENTRY);
    Retry retry = configuration.venueRetry(properties, meters);
    client =
        configuration.venueClient(
            properties, retry, breakers, com.example.trading.platform.tracing.Traces.none());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aFailingCallIsTriedThreeTimesThenTheBreakerOpensAndCallsStopReachingTheVenue() {
    assertThatThrownBy(() -> client.status("o-1"))
        .isInstanceOf(VenueClient.VenueUnavailableException.class);
    assertThat(calls).hasValue(3);

    for (int i = 0; i < 3; i++) {
      try {
        client.status("o-1");
      } catch (RuntimeException expected) {
        // failing on purpose
      }
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = calls.get();
    assertThatThrownBy(() -> client.status("o-1")).isInstanceOf(CallNotPermittedException.class);
    assertThat(calls).hasValue(before);
  }
}
