package com.example.trading.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The RFC 9457 problem documents of the HTTP APIs: a {@code type} per kind of problem, a title, the
 * status, a human {@code detail}, and for validation problems an {@code errors} list of {@code
 * {field, message}}.
 */
public final class ApiProblems {

  /** One invalid field of a request. */
  public record FieldError(String field, String message) {}

  private ApiProblems() {}

  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("/problems/" + slug));
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail validation(String detail, List<FieldError> errors) {
    ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    problem.setProperties(Map.of("errors", errors));
    return problem;
  }

  /** A {@code 400} naming the one field that is wrong and why. */
  public static ResponseEntity<ProblemDetail> invalidField(String field, String message) {
    return ResponseEntity.badRequest()
        .body(validation(field + " " + message, List.of(new FieldError(field, message))));
  }

  public static ProblemDetail notFound(String detail) {
    return of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }
}
