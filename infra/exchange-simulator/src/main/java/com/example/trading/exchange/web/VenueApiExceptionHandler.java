package com.example.trading.exchange.web;

import com.example.trading.exchange.journal.JsonLinesJournal.JournalFailure;
import com.example.trading.exchange.order.OrderRefusal;
import com.example.trading.platform.failure.CauseChain;
import com.example.trading.platform.web.ApiExceptionHandler;
import com.example.trading.platform.web.ApiProblems;
import com.example.trading.platform.web.ApiProblems.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.JacksonException;

/** The venue's problem documents for requests it cannot carry out. */
@RestControllerAdvice
class VenueApiExceptionHandler extends ApiExceptionHandler {

  /**
   * Names the field of a value that does not parse even when Jackson's error is not the deepest
   * cause: a malformed {@code expiresAt} hides it under the JDK's {@code DateTimeParseException},
   * and the platform handler would then answer "malformed JSON" without the field.
   */
  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var jackson =
        CauseChain.of(ex.getCause())
            .filter(cause -> cause instanceof JacksonException found && !found.getPath().isEmpty())
            .map(JacksonException.class::cast)
            .findFirst();
    if (jackson.isPresent() && !(ex.getMostSpecificCause() instanceof JacksonException)) {
      String field =
          jackson.get().getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("body");
      return problem(
          ApiProblems.validation(
              "The request body has a value of the wrong type.",
              List.of(new FieldError(field, "has a value of the wrong type or format"))));
    }
    return super.handleHttpMessageNotReadable(ex, headers, status, request);
  }

  @ExceptionHandler(OrderRefusal.UnknownOrder.class)
  ProblemDetail unknownOrder(OrderRefusal.UnknownOrder e) {
    return ApiProblems.notFound(e.getMessage());
  }

  @ExceptionHandler(OrderRefusal.ClientOrderIdReused.class)
  ProblemDetail clientOrderIdReused(OrderRefusal.ClientOrderIdReused e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.CONFLICT,
            "client-order-id-reused",
            "clientOrderId already used",
            e.getMessage());
    problem.setProperty("venueOrderId", e.venueOrderId());
    return problem;
  }

  @ExceptionHandler(OrderRefusal.OrderAlreadyFinished.class)
  ProblemDetail orderFinished(OrderRefusal.OrderAlreadyFinished e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.CONFLICT, "order-finished", "Order already finished", e.getMessage());
    problem.setProperty("venueOrderId", e.venueOrderId());
    problem.setProperty("orderStatus", e.status().name());
    return problem;
  }

  @ExceptionHandler(OrderRefusal.ReplaceRefused.class)
  ProblemDetail replaceRefused(OrderRefusal.ReplaceRefused e) {
    ProblemDetail problem =
        ApiProblems.of(HttpStatus.CONFLICT, "replace-refused", "Replace refused", e.getMessage());
    problem.setProperty("venueOrderId", e.venueOrderId());
    problem.setProperty("orderStatus", e.status().name());
    return problem;
  }

  @ExceptionHandler(OrderRefusal.InvalidReplace.class)
  ProblemDetail invalidReplace(OrderRefusal.InvalidReplace e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-replace",
            "Replace does not fit the order",
            e.getMessage());
    problem.setProperty("venueOrderId", e.venueOrderId());
    return problem;
  }

  @ExceptionHandler(JournalFailure.class)
  ResponseEntity<ProblemDetail> journalFailure(JournalFailure e) {
    // The change was not applied, so a retry after the restart is safe (placement and cancel are
    // idempotent).
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "journal-failure",
            "Venue cannot record changes",
            "The venue could not make the change durable and did not apply it; "
                + "it needs a restart.");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }
}
