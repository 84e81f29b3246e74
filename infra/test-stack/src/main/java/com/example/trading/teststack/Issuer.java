package com.example.trading.teststack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the trading issuer (API.md "Identity and authorization"), as a script of another team
 * would use it: client-credentials tokens for the operator and for customers (cached until a minute
 * before they expire), and the operator's creation of a customer's API credentials. Thread-safe.
 */
public final class Issuer {

  public static final String OPERATOR_CLIENT = "trading-operator";
  public static final String OPERATOR_SCOPE = "trading.operator";
  public static final String CUSTOMER_SCOPE = "trading.customer";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Token(String value, Instant refreshAfter) {}

  private final URI uri;
  private final String operatorSecret;
  private final Map<String, String> customerSecrets = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  public Issuer(String uri, String operatorSecret) {
    this.uri = URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
    this.operatorSecret = operatorSecret;
  }

  /**
   * The issuer of the local stack ({@code TRADING_ISSUER_URI}, {@code TRADING_OPERATOR_SECRET}, or
   * their defaults).
   */
  public static Issuer fromEnvironment() {
    return new Issuer(
        setting("TRADING_ISSUER_URI", "http://127.0.0.1:9000"),
        setting("TRADING_OPERATOR_SECRET", "operator-secret"));
  }

  public String uri() {
    return uri.toString();
  }

  /** The operator client's secret (for clients that ask the issuer themselves, like the SDK). */
  public String operatorSecret() {
    return operatorSecret;
  }

  /** A valid operator access token. */
  public String operatorToken() {
    return token(OPERATOR_CLIENT, operatorSecret, OPERATOR_SCOPE);
  }

  /**
   * Creates the customer's API credentials (as the operator) unless this client already created
   * them, and answers the customer's client secret.
   */
  public String createCustomer(String customerId) {
    return customerSecrets.computeIfAbsent(
        customerId,
        id -> {
          HttpResponse<String> created =
              send(
                  HttpRequest.newBuilder(uri.resolve("/api/customers"))
                      .header("Authorization", "Bearer " + operatorToken())
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + id + "\"}")));
          if (created.statusCode() != 201) {
            throw new IllegalStateException(
                "creating customer "
                    + id
                    + " answered "
                    + created.statusCode()
                    + ": "
                    + created.body());
          }
          return json(created.body()).path("clientSecret").asText();
        });
  }

  /** A valid access token of a customer (created with {@link #createCustomer} first if needed). */
  public String customerToken(String customerId) {
    return token(customerId, createCustomer(customerId), CUSTOMER_SCOPE);
  }

  /** The raw answer of the token endpoint for these client credentials (for tests of refusals). */
  public HttpResponse<String> requestToken(String clientId, String secret, String scope) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri.resolve("/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8))));
  }

  private String token(String clientId, String secret, String scope) {
    Token cached = tokens.get(clientId + " " + scope);
    if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
      return cached.value();
    }
    HttpResponse<String> answer = requestToken(clientId, secret, scope);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "token for " + clientId + " answered " + answer.statusCode() + ": " + answer.body());
    }
    JsonNode body = json(answer.body());
    Token token =
        new Token(
            body.path("access_token").asText(),
            Instant.now().plusSeconds(Math.max(0, body.path("expires_in").asLong() - 60)));
    tokens.put(clientId + " " + scope, token);
    return token.value();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the issuer did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
