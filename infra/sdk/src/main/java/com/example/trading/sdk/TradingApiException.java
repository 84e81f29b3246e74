package com.example.trading.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API (or the issuer) refused a request, or could not be reached. When the API answered, the
 * RFC 9457 problem document it sent is here: {@link #status()}, {@link #type()}, {@link #title()},
 * {@link #detail()} and, for a validation error, {@link #fieldErrors()}.
 */
public class TradingApiException extends RuntimeException {

  /** One invalid field of a request, as the API named it. */
  public record FieldError(String field, String message) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String type;
  private final String title;
  private final String detail;
  private final List<FieldError> fieldErrors;

  /** No answer at all (the server could not be reached). */
  public TradingApiException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.type = null;
    this.title = null;
    this.detail = message;
    this.fieldErrors = List.of();
  }

  TradingApiException(String message, int status) {
    super(message);
    this.status = status;
    this.type = null;
    this.title = null;
    this.detail = message;
    this.fieldErrors = List.of();
  }

  private TradingApiException(
      String operation, int status, JsonNode problem, String body, Throwable cause) {
    super(message(operation, status, problem, body), cause);
    this.status = status;
    this.type = text(problem, "type");
    this.title = text(problem, "title");
    this.detail = text(problem, "detail");
    List<FieldError> errors = new ArrayList<>();
    if (problem != null) {
      problem
          .path("errors")
          .forEach(
              error ->
                  errors.add(
                      new FieldError(
                          error.path("field").asText(""), error.path("message").asText(""))));
    }
    this.fieldErrors = List.copyOf(errors);
  }

  /**
   * The API's answer {@code status} with {@code body} (a problem document, or anything else) to
   * {@code operation}.
   */
  static TradingApiException answered(String operation, int status, String body, Throwable cause) {
    if (status == 0) {
      return new TradingApiException(operation + ": no answer (" + rootMessage(cause) + ")", cause);
    }
    JsonNode problem = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode parsed = JSON.readTree(body);
        problem = parsed != null && parsed.isObject() ? parsed : null;
      } catch (IOException e) {
        problem = null;
      }
    }
    return new TradingApiException(operation, status, problem, body, cause);
  }

  /** The HTTP status the API answered; 0 when it could not be reached. */
  public int status() {
    return status;
  }

  /** The problem type (a URI reference), when the answer was a problem document. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The invalid fields of a {@code 400}; empty otherwise. */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  private static String message(String operation, int status, JsonNode problem, String body) {
    StringBuilder message = new StringBuilder(operation).append(": HTTP ").append(status);
    String title = text(problem, "title");
    String detail = text(problem, "detail");
    if (title != null) {
      message.append(' ').append(title);
    }
    if (detail != null) {
      message.append(": ").append(detail);
    } else if (problem == null && body != null && !body.isBlank()) {
      message.append(": ").append(body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
    return message.toString();
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
  }

  /**
   * The innermost cause, safe on a cycle of causes. The SDK keeps this loop rather than using the
   * services' {@code CauseChain}: a customer's dependency on the SDK must not pull in the server's
   * {@code platform} module.
   */
  private static String rootMessage(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable root = e;
    while (root != null && root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    return root == null ? "unknown" : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
