package com.example.trading.saga.operations;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.platform.web.ApiProblems;
import com.example.trading.saga.operations.SagaStatusQuery.SagaStatus;
import com.example.trading.saga.operations.SagaStatusQuery.VenueRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator asks of the orchestrator: which sagas have not finished within a threshold (with
 * their current step, decided end, retries and what they wait for), one order's saga, its requests
 * to the venue and what operators did to it; and to re-send what a saga waits for ({@link
 * SagaActions}), with a reason recorded with the operator.
 */
@RestController
@Tag(name = "sagas", description = "Where each order's saga stands, for operators")
@RequestMapping("/ops/sagas")
class SagaOperationsController {

  /** Why the operator acts; recorded with the operator's identity. */
  record SagaActionRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 500)
          String reason) {}

  private static final int REASON_LIMIT = 500;

  private final SagaStatusQuery query;
  private final SagaActions actions;

  SagaOperationsController(SagaStatusQuery query, SagaActions actions) {
    this.query = query;
    this.actions = actions;
  }

  /**
   * {@code GET /ops/sagas/stuck?olderThan=PT5M&limit=100}: unfinished sagas with no progress (no
   * step change) for longer than olderThan, least recent first; orders resting at the venue are not
   * stuck.
   */
  @Operation(
      operationId = "listStuckSagas",
      summary =
          "Unfinished sagas without progress for longer than "
              + "olderThan, least recent first (orders resting at the venue are not stuck) (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The sagas",
            content =
                @Content(array = @ArraySchema(schema = @Schema(implementation = SagaStatus.class))))
      })
  @GetMapping("/stuck")
  ResponseEntity<?> stuck(
      @Parameter(
              description = "an ISO-8601 duration, not negative",
              schema = @Schema(defaultValue = "PT5M", example = "PT5M"))
          @RequestParam(defaultValue = "PT5M")
          String olderThan,
      @Parameter(schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
          @RequestParam(defaultValue = "100")
          int limit) {
    Duration age;
    try {
      age = Duration.parse(olderThan);
    } catch (DateTimeParseException e) {
      return problem(
          ApiProblems.validation(
              "olderThan must be an ISO-8601 duration such as PT5M.",
              List.of(new ApiProblems.FieldError("olderThan", "is not an ISO-8601 duration"))));
    }
    if (age.isNegative() || limit < 1 || limit > 1000) {
      return problem(
          ApiProblems.validation(
              "olderThan must not be negative; limit is 1..1000.",
              List.of(
                  new ApiProblems.FieldError(
                      age.isNegative() ? "olderThan" : "limit", "out of range"))));
    }
    return ResponseEntity.ok(query.stuckFor(age, limit));
  }

  @Operation(
      operationId = "getSaga",
      summary = "One order's saga (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The saga",
            content = @Content(schema = @Schema(implementation = SagaStatus.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping("/{orderId}")
  ResponseEntity<?> one(@PathVariable String orderId) {
    return query
        .of(orderId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> problem(ApiProblems.notFound("No saga for order " + orderId)));
  }

  @Operation(
      operationId = "listVenueRequests",
      summary = "One order's requests to the venue, oldest first, with their answers (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The requests; none for an order the orchestrator never sent",
            content =
                @Content(
                    array = @ArraySchema(schema = @Schema(implementation = VenueRequest.class))))
      })
  @GetMapping("/{orderId}/venue-requests")
  List<VenueRequest> venueRequests(@PathVariable String orderId) {
    return query.venueRequestsOf(orderId);
  }

  @Operation(
      operationId = "resendSagaPending",
      summary =
          "Re-send what the saga waits for: its open venue request now, or its pending commands"
              + " (the step's deadline made due now); recorded with the operator and the reason"
              + " (operator)",
      description =
          "409 when nothing is pending: the saga finished, rests at the venue, or waits for a venue"
              + " answer to no open request (the problem says what to do instead).",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Done and recorded",
            content = @Content(schema = @Schema(implementation = SagaActions.SagaAction.class))),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
      })
  @PostMapping("/{orderId}/resend")
  ResponseEntity<?> resend(
      @PathVariable String orderId,
      @RequestBody(required = false) @Nullable SagaActionRequest request,
      @Parameter(hidden = true) Caller caller) {
    caller.requireOperator();
    String reason = request == null || request.reason() == null ? "" : request.reason().strip();
    if (reason.isEmpty() || reason.length() > REASON_LIMIT) {
      String message =
          reason.isEmpty()
              ? "say why: it is recorded with your name"
              : "at most " + REASON_LIMIT + " characters";
      return problem(
          ApiProblems.validation(
              "reason " + message, List.of(new ApiProblems.FieldError("reason", message))));
    }
    return switch (actions.resend(orderId, caller.principal(), reason)) {
      case SagaActions.Outcome.Done done ->
          ResponseEntity.status(HttpStatus.ACCEPTED).body(done.action());
      case SagaActions.Outcome.Unknown unknown ->
          problem(ApiProblems.notFound("No saga for order " + orderId));
      case SagaActions.Outcome.Refused refused ->
          problem(
              ApiProblems.of(
                  HttpStatus.CONFLICT, "nothing-to-resend", "Nothing to re-send", refused.why()));
    };
  }

  @Operation(
      operationId = "listSagaActions",
      summary = "What operators did to one order's saga, oldest first (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The actions; none when nobody acted",
            content =
                @Content(
                    array =
                        @ArraySchema(
                            schema = @Schema(implementation = SagaActions.SagaAction.class))))
      })
  @GetMapping("/{orderId}/actions")
  List<SagaActions.SagaAction> actions(@PathVariable String orderId) {
    return actions.of(orderId);
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
    return ResponseEntity.status(
            problem.getStatus() == 0 ? HttpStatus.BAD_REQUEST.value() : problem.getStatus())
        .body(problem);
  }
}
