package com.example.trading.command.web;

import com.example.trading.command.account.AccountNotFound;
import com.example.trading.command.account.AccountRuleViolation;
import com.example.trading.command.admission.Admission;
import com.example.trading.command.fee.FeeRuleViolation;
import com.example.trading.command.holding.HoldingRuleViolation;
import com.example.trading.command.holding.InvalidIdempotencyKey;
import com.example.trading.command.order.OrderRuleViolation;
import com.example.trading.command.order.UnknownInstrumentException;
import com.example.trading.platform.web.ApiExceptionHandler;
import com.example.trading.platform.web.ApiProblems;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The command API's problem documents for the aggregates' refusals. */
@RestControllerAdvice
class CommandApiExceptionHandler extends ApiExceptionHandler {

  @ExceptionHandler(OrderRuleViolation.OrderAlreadyFinished.class)
  ProblemDetail orderFinished(OrderRuleViolation.OrderAlreadyFinished e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.CONFLICT, "order-finished", "Order already finished", e.getMessage());
    problem.setProperty("orderStatus", e.status().name());
    return problem;
  }

  @ExceptionHandler(OrderRuleViolation.OrderNotReplaceable.class)
  ProblemDetail orderNotReplaceable(OrderRuleViolation.OrderNotReplaceable e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.CONFLICT,
            "order-not-replaceable",
            "Order cannot be replaced now",
            e.getMessage());
    problem.setProperty("orderStatus", e.status().name());
    return problem;
  }

  @ExceptionHandler(OrderRuleViolation.ClientOrderIdReused.class)
  ProblemDetail clientOrderIdReused(OrderRuleViolation.ClientOrderIdReused e) {
    return ApiProblems.of(
        HttpStatus.CONFLICT,
        "client-order-id-reused",
        "clientOrderId already used",
        e.getMessage());
  }

  @ExceptionHandler({
    OrderRuleViolation.class,
    HoldingRuleViolation.class,
    FeeRuleViolation.class,
    AccountRuleViolation.class
  })
  ProblemDetail ruleViolation(RuntimeException e) {
    return ApiProblems.of(
        HttpStatus.BAD_REQUEST, "rule-violation", "Request breaks a business rule", e.getMessage());
  }

  @ExceptionHandler(UnknownInstrumentException.class)
  ProblemDetail unknownInstrument(UnknownInstrumentException e) {
    return ApiProblems.validation(
        "The request has invalid fields.",
        List.of(new ApiProblems.FieldError("instrument", e.getMessage())));
  }

  @ExceptionHandler(Admission.BacklogTooLong.class)
  ResponseEntity<ProblemDetail> backlogTooLong(Admission.BacklogTooLong e) {
    ProblemDetail problem =
        ApiProblems.of(
            HttpStatus.SERVICE_UNAVAILABLE, "backlog", "Too much work queued", e.getMessage());
    problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(AccountRuleViolation.OwnedByAnotherCustomer.class)
  ProblemDetail accountOwnedByAnother(AccountRuleViolation.OwnedByAnotherCustomer e) {
    return ApiProblems.of(
        HttpStatus.CONFLICT,
        "account-owned-by-another-customer",
        "Account belongs to another customer",
        e.getMessage());
  }

  @ExceptionHandler(HoldingRuleViolation.IdempotencyKeyReused.class)
  ProblemDetail idempotencyKeyReused(HoldingRuleViolation.IdempotencyKeyReused e) {
    return ApiProblems.of(
        HttpStatus.CONFLICT,
        "idempotency-key-reused",
        "Idempotency-Key already used",
        e.getMessage());
  }

  @ExceptionHandler(InvalidIdempotencyKey.class)
  ProblemDetail invalidIdempotencyKey(InvalidIdempotencyKey e) {
    return ApiProblems.validation(
        "The request has an invalid header.",
        List.of(new ApiProblems.FieldError("Idempotency-Key", e.getMessage())));
  }

  @ExceptionHandler(AccountNotFound.class)
  ProblemDetail accountNotFound(AccountNotFound e) {
    return ApiProblems.notFound(e.getMessage());
  }

  @ExceptionHandler(AggregateNotFoundException.class)
  ProblemDetail notFound(AggregateNotFoundException e) {
    return ApiProblems.notFound("No such order: " + e.getAggregateIdentifier());
  }
}
