package com.example.trading.console.services;

import com.example.trading.console.security.OperatorToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The services' HTTP APIs as the signed-in operator: every request carries the operator's token, so
 * each service decides what the operator may see and do (and records who did it). A service that
 * does not answer, or answers with an error, is a {@link ServiceUnavailable} naming it.
 */
@Component
public class TradingApis {

  /** A service the console talks to. */
  public enum Service {
    QUERY,
    SAGA
  }

  /** The services' documents are read as trees; the pages pick the fields they show. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceUrls urls;
  private final OperatorToken token;
  private final RestClient http;

  TradingApis(ServiceUrls urls, OperatorToken token) {
    this.urls = urls;
    this.token = token;
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(2));
    requests.setReadTimeout(Duration.ofSeconds(10));
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /** {@code GET} a JSON document; empty when the service answers {@code 404}. */
  public Optional<JsonNode> get(Service service, String path, Object... pathVariables) {
    return get(service, path, Map.of(), pathVariables);
  }

  /** {@code GET} a JSON document with query parameters; empty when the service answers 404. */
  public Optional<JsonNode> get(
      Service service, String path, Map<String, ?> query, Object... pathVariables) {
    URI uri = uri(service, path, query, pathVariables);
    String bearer = "Bearer " + token.value();
    try {
      String body =
          http.get()
              .uri(uri)
              .header(HttpHeaders.AUTHORIZATION, bearer)
              .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
              .retrieve()
              .body(String.class);
      return Optional.ofNullable(body == null ? null : JSON.readTree(body));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        return Optional.empty();
      }
      if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
        token.expired();
      }
      throw new ServiceUnavailable(service, uri, e.getStatusCode() + " " + problemDetail(e));
    } catch (IOException | RuntimeException e) {
      throw new ServiceUnavailable(service, uri, e.getMessage());
    }
  }

  private URI uri(Service service, String path, Map<String, ?> query, Object... pathVariables) {
    URI base =
        switch (service) {
          case QUERY -> urls.queryUrl();
          case SAGA -> urls.sagaUrl();
        };
    UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base).path(path);
    query.forEach(uri::queryParam);
    return uri.buildAndExpand(pathVariables).encode().toUri();
  }

  private static String problemDetail(RestClientResponseException e) {
    String body = e.getResponseBodyAsString();
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
