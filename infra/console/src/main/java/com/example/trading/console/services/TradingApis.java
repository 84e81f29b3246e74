package com.example.trading.console.services;

import com.example.trading.console.security.OperatorToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The services' HTTP APIs as the signed-in operator: every request carries the operator's token, so
 * each service decides what the operator may see and do (and records who did it). A service that
 * does not answer, or answers a read with an error, is a {@link ServiceUnavailable} naming it; an
 * action it refuses ({@code 4xx}) is an {@link Answer} whose problem detail the page shows.
 */
@Component
public class TradingApis {

  /** A service the console talks to. */
  public enum Service {
    COMMAND,
    QUERY,
    SAGA,
    PROJECTIONS
  }

  /**
   * A service's answer to an action: its status and body (the result, or its problem detail).
   *
   * @param status the HTTP status
   * @param body the JSON body; a missing node when there was none
   */
  public record Answer(int status, JsonNode body) {

    public boolean succeeded() {
      return status >= 200 && status < 300;
    }

    /** The problem detail's {@code detail} (or {@code title}) of a refusal, for people. */
    public String problem() {
      String detail = body.path("detail").asText("");
      return detail.isBlank() ? body.path("title").asText("refused (" + status + ")") : detail;
    }
  }

  /** The services' documents are read as trees; the pages pick the fields they show. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceUrls urls;
  private final OperatorToken token;
  private final RestClient http;

  TradingApis(ServiceUrls urls, OperatorToken token) {
    this.urls = urls;
    this.token = token;
    this.http = HttpClients.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  /** {@code GET} a JSON document; empty when the service answers {@code 404}. */
  public Optional<JsonNode> get(Service service, String path, Object... pathVariables) {
    return get(service, path, Map.of(), pathVariables);
  }

  /** {@code GET} a JSON document with query parameters; empty when the service answers 404. */
  public Optional<JsonNode> get(
      Service service, String path, Map<String, ?> query, Object... pathVariables) {
    URI uri = uri(service, path, query, pathVariables);
    Answer answer = exchange(service, uri, http.get().uri(uri));
    if (answer.status() == HttpStatus.NOT_FOUND.value()) {
      return Optional.empty();
    }
    if (!answer.succeeded()) {
      throw new ServiceUnavailable(service, uri, answer.status() + " " + answer.problem());
    }
    return Optional.of(answer.body());
  }

  /**
   * {@code GET}s a JSON document whatever the status (a health answer is {@code 503} when down).
   *
   * @throws ServiceUnavailable when the service does not answer
   */
  public Answer read(Service service, String path) {
    URI uri = uri(service, path, Map.of());
    return exchange(service, uri, http.get().uri(uri));
  }

  /**
   * {@code POST}s {@code body} as JSON: the service's answer, a refusal ({@code 4xx}) included.
   *
   * @throws ServiceUnavailable when the service does not answer, fails ({@code 5xx}), or no longer
   *     accepts the operator's token
   */
  public Answer post(Service service, String path, Object body, Object... pathVariables) {
    URI uri = uri(service, path, Map.of(), pathVariables);
    Answer answer =
        exchange(
            service, uri, http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body));
    if (answer.status() >= 500) {
      throw new ServiceUnavailable(service, uri, answer.status() + " " + answer.problem());
    }
    return answer;
  }

  private Answer exchange(Service service, URI uri, RestClient.RequestHeadersSpec<?> request) {
    try {
      return request
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
          .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
          .exchange(
              (sent, response) -> {
                int status = response.getStatusCode().value();
                if (status == HttpStatus.UNAUTHORIZED.value()) {
                  token.expired();
                  throw new ServiceUnavailable(
                      service, uri, "401: the operator's token was refused; sign in again");
                }
                String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(
                    status, text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text));
              });
    } catch (ServiceUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ServiceUnavailable(service, uri, e.getMessage());
    }
  }

  private URI uri(Service service, String path, Map<String, ?> query, Object... pathVariables) {
    URI base =
        switch (service) {
          case COMMAND -> urls.commandUrl();
          case QUERY -> urls.queryUrl();
          case SAGA -> urls.sagaUrl();
          case PROJECTIONS -> urls.projectionsUrl();
        };
    UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base).path(path);
    query.forEach(uri::queryParam);
    return uri.buildAndExpand(pathVariables).encode().toUri();
  }
}
