package com.example.trading.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token cache against an HTTP token endpoint that answers as the issuer does (the real issuer
 * is used end to end in infra/e2e's CustomerCliE2EIT).
 */
class ClientCredentialsTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final MovableClock clock = new MovableClock();
  private HttpServer issuer;
  private volatile int status = 200;

  @BeforeEach
  void startIssuer() throws IOException {
    issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer.createContext(
        "/oauth2/token",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + form);
          byte[] body =
              (status == 200
                      ? "{\"access_token\":\"token-"
                          + requests.size()
                          + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                      : "{\"error\":\"invalid_client\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    issuer.start();
  }

  @AfterEach
  void stopIssuer() {
    issuer.stop(0);
  }

  private ClientCredentials credentials() {
    return new ClientCredentials(
        URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/"),
        "cust-1",
        "s3cret",
        "trading.customer",
        HttpClient.newHttpClient(),
        clock);
  }

  @Test
  void asksWithBasicAuthAndKeepsTheTokenUntilShortlyBeforeItExpires() {
    ClientCredentials tokens = credentials();

    assertThat(tokens.current()).isEqualTo("token-1");
    clock.now = clock.now.plus(Duration.ofSeconds(269));
    assertThat(tokens.current()).isEqualTo("token-1");
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(tokens.current()).isEqualTo("token-2");

    assertThat(requests)
        .hasSize(2)
        .allSatisfy(
            request ->
                assertThat(request)
                    .isEqualTo(
                        "Basic Y3VzdC0xOnMzY3JldA== grant_type=client_credentials&scope=trading.customer"));
  }

  @Test
  void fetchesANewTokenAfterTheApiRefusedTheCurrentOne() {
    ClientCredentials tokens = credentials();
    String first = tokens.current();

    tokens.invalidate("some-older-token");
    assertThat(tokens.current()).isEqualTo(first);
    tokens.invalidate(first);
    assertThat(tokens.current()).isEqualTo("token-2");
  }

  @Test
  void saysWhichClientTheIssuerRefused() {
    status = 401;

    assertThatThrownBy(() -> credentials().current())
        .isInstanceOfSatisfying(
            TradingApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .contains("the issuer refused client 'cust-1'")
                  .contains("invalid_client");
            });
  }
}
