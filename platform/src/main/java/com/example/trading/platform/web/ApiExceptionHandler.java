package com.example.trading.platform.web;

import com.example.trading.platform.failure.CauseChain;
import com.example.trading.platform.web.ApiProblems.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every framework-level request error into a problem document: invalid fields and path
 * variables list each field in {@code errors}; malformed or mistyped JSON is a 400 that names the
 * field when it can, never a 500. Services add their own handlers for their domain exceptions.
 */
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
    errors.sort(Comparator.comparing(FieldError::field));
    return problem(ApiProblems.validation("The request has invalid fields.", errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors bodyErrors) {
        bodyErrors
            .getFieldErrors()
            .forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        bodyErrors
            .getGlobalErrors()
            .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
      } else {
        String name = result.getMethodParameter().getParameterName();
        result
            .getResolvableErrors()
            .forEach(e -> errors.add(new FieldError(name, e.getDefaultMessage())));
      }
    }
    errors.sort(Comparator.comparing(FieldError::field));
    return problem(ApiProblems.validation("The request has invalid parameters.", errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var tooLarge = CauseChain.find(ex, RequestBodyLimitFilter.TooLargeException.class);
    if (tooLarge.isPresent()) {
      return problem(
          ApiProblems.of(
              HttpStatus.CONTENT_TOO_LARGE,
              "request-too-large",
              "Request body too large",
              tooLarge.get().getMessage()));
    }
    Throwable cause = ex.getMostSpecificCause();
    if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      String field =
          jackson.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("body");
      if (cause instanceof UnrecognizedPropertyException) {
        return problem(
            ApiProblems.validation(
                "The request body has a field this request does not have.",
                List.of(new FieldError(field, "is not a field of this request"))));
      }
      return problem(
          ApiProblems.validation(
              "The request body has a value of the wrong type.",
              List.of(new FieldError(field, "has a value of the wrong type or format"))));
    }
    return problem(
        ApiProblems.of(
            HttpStatus.BAD_REQUEST,
            "malformed-json",
            "Malformed request body",
            "The request body is missing or is not valid JSON."));
  }

  @ExceptionHandler(Forbidden.class)
  ProblemDetail forbidden(Forbidden e) {
    return ApiProblems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
  }

  /**
   * A failure no other handler answers: a {@code 500} problem document like every other error of
   * the API, without the failure's own text (it may name internals); the failure is logged with the
   * request's trace. Refusals of Spring Security go on to the security chain, which answers them.
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) throws Exception {
    if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
      throw e;
    }
    log.error("request failed", e);
    return ApiProblems.of(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal-error",
        "Internal error",
        "The server failed to complete the request; the failure is logged with the request's"
            + " trace.");
  }

  protected static ResponseEntity<Object> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}
