package com.example.trading.saga.operations;

import com.example.trading.platform.openapi.ProblemResponses;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator asks of the orchestrator: which sagas have not finished within a threshold (with
 * their current step, decided end, retries and what they wait for), one order's saga, and its
 * requests to the venue.
 */
@RestController
@Tag(name = "sagas", description = "Where each order's saga stands, for operators")
@RequestMapping("/ops/sagas")
class SagaOperationsController {

  private final SagaStatusQuery query;

  SagaOperationsController(SagaStatusQuery query) {
    this.query = query;
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

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
    return ResponseEntity.status(
            problem.getStatus() == 0 ? HttpStatus.BAD_REQUEST.value() : problem.getStatus())
        .body(problem);
  }
}
