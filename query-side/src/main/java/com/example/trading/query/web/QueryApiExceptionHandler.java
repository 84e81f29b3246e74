package com.example.trading.query.web;

import com.example.trading.platform.web.ApiExceptionHandler;
import com.example.trading.platform.web.ApiProblems;
import com.example.trading.query.consistency.ReadYourWrites.TooManyWaitingReadsException;
import com.example.trading.query.consistency.ReadYourWrites.ViewNotYetConsistentException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query API's problem documents. */
@RestControllerAdvice
class QueryApiExceptionHandler extends ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(QueryApiExceptionHandler.class);

  @ExceptionHandler(InvalidQueryException.class)
  ProblemDetail invalid(InvalidQueryException e) {
    return ApiProblems.validation(
        "The query has invalid parameters.",
        List.of(new ApiProblems.FieldError(e.parameter(), e.getMessage())));
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ApiProblems.notFound(e.getMessage());
  }

  /** Elasticsearch does not answer: the views are unavailable, not the request wrong. */
  @ExceptionHandler({
    java.io.IOException.class,
    java.io.UncheckedIOException.class,
    co.elastic.clients.transport.TransportException.class
  })
  ResponseEntity<ProblemDetail> viewsUnavailable(Exception e) {
    // The request's trace and the account or order it is about are on the line (logging context).
    log.warn("views unavailable, answered 503: {}", e.toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(
            ApiProblems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "views-unavailable",
                "Views unavailable",
                "The views cannot be read right now; retry shortly."));
  }

  @ExceptionHandler(TooManyWaitingReadsException.class)
  ResponseEntity<ProblemDetail> tooManyWaiting(TooManyWaitingReadsException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .body(
            ApiProblems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-waiting-reads",
                "Too many queries waiting for their writes",
                e.getMessage()));
  }

  @ExceptionHandler(ViewNotYetConsistentException.class)
  ResponseEntity<ProblemDetail> notYet(ViewNotYetConsistentException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .body(
            ApiProblems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "view-behind",
                "View not yet up to date",
                e.getMessage()));
  }
}
