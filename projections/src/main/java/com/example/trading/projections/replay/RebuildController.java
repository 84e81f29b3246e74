package com.example.trading.projections.replay;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.platform.web.ApiProblems;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.replay.RebuildRuns.AlreadyRunning;
import com.example.trading.projections.replay.RebuildRuns.Started;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ops/views/{view}/rebuilds} (operators only, like all of {@code /ops}): rebuild a view
 * from its topics as {@code make replay} does ({@link ViewRebuilder}) — a dry run, or for real with
 * the alias swap — and follow it: phase, progress, the rules check, the verification and the swap.
 */
@RestController
@Tag(
    name = "view-rebuilds",
    description = "Rebuild a view from its topics, verify it and swap it in; follow it (operators)")
@RequestMapping("/ops/views/{view}/rebuilds")
public class RebuildController {

  static final int MAX_BUFFER = 1_000_000;
  static final int REASON_LIMIT = 500;

  /**
   * What an operator asks for, and why. {@code dryRun}: build and verify, then delete the new index
   * instead of swapping. {@code deleteOld}: delete the previous index after the swap. {@code
   * force}: take over the lock of a rebuild that died. {@code bufferDocuments}: documents folded in
   * memory before they are written (by default {@code
   * trading.projections.rebuild.buffer-documents}, 10,000: the rebuild shares the service's heap).
   */
  public record RebuildRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = REASON_LIMIT)
          String reason,
      @Schema(defaultValue = "false") @Nullable Boolean dryRun,
      @Schema(defaultValue = "false") @Nullable Boolean deleteOld,
      @Schema(defaultValue = "false") @Nullable Boolean force,
      @Schema(defaultValue = "10000", minimum = "1", maximum = "1000000")
          @Nullable Integer bufferDocuments) {}

  /** A view's latest rebuilds, newest first. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Rebuilds(String view, List<RebuildStatus> rebuilds) {}

  private final List<View<?>> views;
  private final RebuildRuns runs;
  private final int defaultBuffer;

  RebuildController(
      List<View<?>> views,
      RebuildRuns runs,
      @Value("${trading.projections.rebuild.buffer-documents:10000}") int defaultBuffer) {
    this.views = views;
    this.runs = runs;
    this.defaultBuffer = defaultBuffer;
  }

  @Operation(
      operationId = "startViewRebuild",
      summary =
          "Rebuild a view from its topics, check and verify it, and swap it in "
              + "(or, as a dry run, delete it); with a reason recorded with the operator (operator)",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Started; follow it at the Location",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class))),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
      })
  @PostMapping
  ResponseEntity<?> start(
      @PathVariable("view") String viewName, @RequestBody RebuildRequest request, Caller caller)
      throws IOException {
    caller.requireOperator();
    Optional<View<?>> view = view(viewName);
    if (view.isEmpty()) {
      return unknown(viewName);
    }
    if (request.reason() == null
        || request.reason().isBlank()
        || request.reason().strip().length() > REASON_LIMIT) {
      return ApiProblems.invalidField(
          "reason",
          "say why, in at most " + REASON_LIMIT + " characters: it is recorded with your name");
    }
    int buffer = request.bufferDocuments() == null ? defaultBuffer : request.bufferDocuments();
    if (buffer < 1 || buffer > MAX_BUFFER) {
      return ApiProblems.invalidField("bufferDocuments", "must be between 1 and " + MAX_BUFFER);
    }
    RebuildRuns.Start start =
        runs.start(
            new RebuildRuns.Request(
                view.get(),
                Boolean.TRUE.equals(request.dryRun()),
                Boolean.TRUE.equals(request.deleteOld()),
                Boolean.TRUE.equals(request.force()),
                buffer,
                caller.principal(),
                request.reason().strip()));
    return switch (start) {
      case Started(RebuildStatus status) ->
          ResponseEntity.accepted()
              .location(URI.create("/ops/views/" + viewName + "/rebuilds/" + status.id()))
              .body(status);
      case AlreadyRunning(String holder) ->
          ResponseEntity.status(HttpStatus.CONFLICT)
              .body(
                  ApiProblems.of(
                      HttpStatus.CONFLICT,
                      "view-rebuild-running",
                      "A rebuild of this view is running",
                      "a rebuild of "
                          + viewName
                          + " holds its lock ("
                          + holder
                          + "); wait for it, or, if it died, start again with force: true"));
    };
  }

  @Operation(
      operationId = "listViewRebuilds",
      summary = "A view's latest rebuilds, newest first (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The rebuilds",
            content = @Content(schema = @Schema(implementation = Rebuilds.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping
  ResponseEntity<?> list(@PathVariable("view") String viewName, Caller caller) throws IOException {
    caller.requireOperator();
    Optional<View<?>> view = view(viewName);
    if (view.isEmpty()) {
      return unknown(viewName);
    }
    return ResponseEntity.ok(new Rebuilds(viewName, runs.recent(view.get())));
  }

  @Operation(
      operationId = "getViewRebuild",
      summary =
          "A rebuild as it stands: phase, progress, rules check, verification, "
              + "alias swap (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The rebuild",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping("/{id}")
  ResponseEntity<?> get(
      @PathVariable("view") String viewName, @PathVariable String id, Caller caller)
      throws IOException {
    caller.requireOperator();
    Optional<View<?>> view = view(viewName);
    if (view.isEmpty()) {
      return unknown(viewName);
    }
    Optional<RebuildStatus> status = runs.find(view.get(), id);
    if (status.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ApiProblems.notFound("no rebuild '" + id + "' of " + viewName));
    }
    return ResponseEntity.ok(status.get());
  }

  private Optional<View<?>> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  private ResponseEntity<?> unknown(String name) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            ApiProblems.notFound(
                "no view '"
                    + name
                    + "'; the views are "
                    + views.stream().map(View::name).toList()));
  }
}
