package com.example.trading.teststack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Plain HTTP calls against a service under test on 127.0.0.1, as any client would make them:
 * anonymous through the static methods (probes, the venue), or with a bearer token through {@link
 * #asOperator()} / {@link #as(String)}. A service with a {@link ContractProxy} in front of it has
 * its API's requests checked against its published document.
 */
public final class TestHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Caller ANONYMOUS = new Caller(() -> null);

  private TestHttp() {}

  /** Calls without a token. */
  public static Caller anonymous() {
    return ANONYMOUS;
  }

  /** Calls with a valid operator token of this JVM's issuer ({@link TestStack#issuer()}). */
  public static Caller asOperator() {
    return new Caller(() -> TestStack.get().issuer().operatorToken());
  }

  /** Calls with this bearer token (any string: tests of refused tokens send bad ones). */
  public static Caller as(String token) {
    return new Caller(() -> token);
  }

  /** Calls with a valid token of this customer (API credentials created on first use). */
  public static Caller asCustomer(String customerId) {
    return new Caller(() -> TestStack.get().issuer().customerToken(customerId));
  }

  public static HttpResponse<String> get(int port, String path) {
    return ANONYMOUS.get(port, path);
  }

  public static HttpResponse<String> postJson(int port, String path, String json) {
    return ANONYMOUS.postJson(port, path, json);
  }

  public static HttpResponse<String> putJson(int port, String path, String json) {
    return ANONYMOUS.putJson(port, path, json);
  }

  /**
   * One caller's requests; the token is asked for at each request (cached by the issuer client).
   */
  public static final class Caller {

    private final Supplier<String> token;

    private Caller(Supplier<String> token) {
      this.token = token;
    }

    public HttpResponse<String> get(int port, String path) {
      return send(request(port, path).GET());
    }

    public HttpResponse<String> postJson(int port, String path, String json) {
      return send(
          request(port, path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with one extra header, e.g. {@code Idempotency-Key}. */
    public HttpResponse<String> postJson(
        int port, String path, String json, String header, String value) {
      return send(
          request(port, path)
              .header("Content-Type", "application/json")
              .header(header, value)
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(int port, String path, String json) {
      return send(
          request(port, path)
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> patchJson(int port, String path, String json) {
      return send(
          request(port, path)
              .header("Content-Type", "application/json")
              .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A request to this service carrying the caller's token, for anything the methods above do not
     * cover.
     */
    public HttpRequest.Builder request(int port, String path) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + ContractProxy.route(port, path) + path));
      String bearer = token.get();
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        HttpResponse<String> response =
            CLIENT.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        ContractProxy.check(response);
        return response;
      } catch (IOException e) {
        throw new IllegalStateException("HTTP call failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
