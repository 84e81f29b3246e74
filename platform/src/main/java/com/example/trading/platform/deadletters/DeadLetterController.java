package com.example.trading.platform.deadletters;

import com.example.trading.platform.deadletters.DeadLetterDesk.Listed;
import com.example.trading.platform.deadletters.DeadLetterDesk.Result;
import com.example.trading.platform.deadletters.DeadLetterDesk.State;
import com.example.trading.platform.deadletters.DeadLetterDesk.Summary;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.platform.web.ApiProblems;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ops/dead-letters} (operators only, like all of {@code /ops}):
 *
 * <ul>
 *   <li>{@code GET /ops/dead-letters}: this service's sources, what they re-drive to, how many
 *       messages wait and how many were handled;
 *   <li>{@code GET /ops/dead-letters/{source}?state=pending|redriven|discarded|all}: the messages
 *       with headers, payload, reason and what was done to them (default: pending);
 *   <li>{@code POST /ops/dead-letters/{source}/redrive} and {@code .../discard} with {@code
 *       {"reason": "...", "ids": ["0@12", ...]}} or {@code {"reason": "...", "all": true}} (every
 *       pending one): one result per message.
 * </ul>
 */
@RestController
@Tag(
    name = "dead-letters",
    description = "Dead letters of the service: list, inspect, re-drive, discard (operators)")
@RequestMapping("/ops/dead-letters")
public class DeadLetterController {

  /**
   * What an operator asks to be done, and why: the messages {@code ids}, or {@code all} pending
   * ones.
   */
  public record ActionRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1) String reason,
      @Nullable List<String> ids,
      @Nullable Boolean all) {}

  /** Every dead-letter source of the service. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DeadLetterSources(List<Summary> sources) {}

  /** A source's messages in the states asked for, oldest first. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DeadLetterMessages(String source, List<Listed> messages) {}

  /** One result per message of a re-drive or discard. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DeadLetterResults(List<Result> results) {}

  private final DeadLetterDesk desk;

  DeadLetterController(DeadLetterDesk desk) {
    this.desk = desk;
  }

  @Operation(
      operationId = "listDeadLetterSources",
      summary =
          "Every dead-letter source, with how many messages wait "
              + "and how many were handled (operator)")
  @GetMapping
  DeadLetterSources sources() {
    return new DeadLetterSources(desk.summaries());
  }

  @Operation(
      operationId = "listDeadLetters",
      summary =
          "A source's dead letters with headers, payload, reason and "
              + "what was done to them (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The messages",
            content = @Content(schema = @Schema(implementation = DeadLetterMessages.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping("/{source}")
  ResponseEntity<?> messages(
      @PathVariable String source,
      @Parameter(
              schema =
                  @Schema(
                      allowableValues = {"pending", "redriven", "discarded", "all"},
                      defaultValue = "pending"))
          @RequestParam(defaultValue = "pending")
          String state) {
    Optional<DeadLetterSource> found = desk.source(source);
    if (found.isEmpty()) {
      return unknown(source);
    }
    List<State> states;
    if (state.equals("all")) {
      states = List.of(State.values());
    } else {
      Optional<State> one =
          Arrays.stream(State.values()).filter(s -> s.name().equalsIgnoreCase(state)).findFirst();
      if (one.isEmpty()) {
        return ApiProblems.invalidField("state", "must be pending, redriven, discarded or all");
      }
      states = List.of(one.get());
    }
    return ResponseEntity.ok(new DeadLetterMessages(source, desk.list(found.get(), states)));
  }

  @Operation(
      operationId = "redriveDeadLetters",
      summary =
          "Re-drive the chosen dead letters, or every pending "
              + "one, with a reason recorded with the operator (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "One result per message",
            content = @Content(schema = @Schema(implementation = DeadLetterResults.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
      })
  @PostMapping("/{source}/redrive")
  ResponseEntity<?> redrive(
      @PathVariable String source, @RequestBody ActionRequest request, Caller caller) {
    return act(source, request, caller, true);
  }

  @Operation(
      operationId = "discardDeadLetters",
      summary =
          "Discard the chosen dead letters, or every pending one, "
              + "with a reason recorded with the operator (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "One result per message",
            content = @Content(schema = @Schema(implementation = DeadLetterResults.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @PostMapping("/{source}/discard")
  ResponseEntity<?> discard(
      @PathVariable String source, @RequestBody ActionRequest request, Caller caller) {
    return act(source, request, caller, false);
  }

  private ResponseEntity<?> act(
      String source, ActionRequest request, Caller caller, boolean redrive) {
    caller.requireOperator();
    Optional<DeadLetterSource> found = desk.source(source);
    if (found.isEmpty()) {
      return unknown(source);
    }
    if (redrive && found.get().redriveRefusal().isPresent()) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              ApiProblems.of(
                  HttpStatus.CONFLICT,
                  "dead-letter-not-redrivable",
                  "These dead letters are not re-driven one by one",
                  found.get().redriveRefusal().get()));
    }
    Optional<ResponseEntity<?>> invalid = validate(request);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    String reason = request.reason().strip();
    List<Result> results =
        redrive
            ? desk.redrive(found.get(), ids(request), caller, reason)
            : desk.discard(found.get(), ids(request), caller, reason);
    return ResponseEntity.ok(new DeadLetterResults(results));
  }

  private static List<String> ids(ActionRequest request) {
    return request.ids() == null ? List.of() : request.ids();
  }

  private static Optional<ResponseEntity<?>> validate(ActionRequest request) {
    if (request.reason() == null || request.reason().isBlank()) {
      return Optional.of(
          ApiProblems.invalidField("reason", "say why: it is recorded with your name"));
    }
    boolean all = Boolean.TRUE.equals(request.all());
    boolean some = request.ids() != null && !request.ids().isEmpty();
    if (all == some) {
      return Optional.of(
          ApiProblems.invalidField(
              "ids", "name the messages (ids) or ask for all pending ones (all: true), not both"));
    }
    if (some && request.ids().stream().anyMatch(id -> id == null || id.isBlank())) {
      return Optional.of(ApiProblems.invalidField("ids", "must not contain blank ids"));
    }
    return Optional.empty();
  }

  private static ResponseEntity<?> unknown(String source) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            ApiProblems.notFound(
                "this service has no dead-letter source '"
                    + source
                    + "' (GET /ops/dead-letters lists them)"));
  }
}
