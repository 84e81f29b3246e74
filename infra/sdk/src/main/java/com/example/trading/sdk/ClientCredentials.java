package com.example.trading.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens from the issuer by OAuth2 client credentials ({@code POST {issuer}/oauth2/token},
 * HTTP Basic client id and secret, {@code grant_type=client_credentials&scope=...}). A token is
 * kept until {@link #REFRESH_MARGIN} before it expires, then fetched again; one the API refused is
 * {@linkplain #invalidate(String) dropped}. Thread-safe.
 */
public final class ClientCredentials implements AccessTokens {

  /** How long before its expiry a token is replaced. */
  public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Token(String value, Instant refreshAfter) {}

  private final URI tokenEndpoint;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final HttpClient http;
  private final Clock clock;
  private Token token;

  public ClientCredentials(URI issuer, String clientId, String clientSecret, String scope) {
    this(
        issuer,
        clientId,
        clientSecret,
        scope,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC());
  }

  ClientCredentials(
      URI issuer,
      String clientId,
      String clientSecret,
      String scope,
      HttpClient http,
      Clock clock) {
    String base = issuer.toString().replaceAll("/+$", "");
    this.tokenEndpoint = URI.create(base + "/oauth2/token");
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public synchronized String current() {
    if (token == null || !clock.instant().isBefore(token.refreshAfter())) {
      token = fetch();
    }
    return token.value();
  }

  @Override
  public synchronized void invalidate(String refused) {
    if (token != null && token.value().equals(refused)) {
      token = null;
    }
  }

  private Token fetch() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (urlEncode(clientId) + ":" + urlEncode(clientSecret))
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope=" + urlEncode(scope)))
            .build();
    Instant asked = clock.instant();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TradingApiException(
          "cannot reach the issuer at " + tokenEndpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TradingApiException("interrupted while asking the issuer for a token", e);
    }
    if (response.statusCode() != 200) {
      throw new TradingApiException(
          "the issuer refused client '"
              + clientId
              + "' (scope "
              + scope
              + "): HTTP "
              + response.statusCode()
              + " "
              + response.body(),
          response.statusCode());
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String value = body.path("access_token").asText("");
      if (value.isEmpty()) {
        throw new TradingApiException(
            "the issuer answered no access_token: " + response.body(), 200);
      }
      long expiresIn = body.path("expires_in").asLong(60);
      Instant refreshAfter = asked.plusSeconds(expiresIn).minus(REFRESH_MARGIN);
      return new Token(value, refreshAfter.isAfter(asked) ? refreshAfter : asked);
    } catch (IOException e) {
      throw new TradingApiException(
          "the issuer answered something that is not JSON: " + response.body(), e);
    }
  }

  private static String urlEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
