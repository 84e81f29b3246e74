package com.example.trading.exchange.execution;

import com.example.trading.platform.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the executions feed from a cursor the reader keeps itself. */
@Tag(name = "executions")
@RestController
class ExecutionController {

  private final ExecutionFeed feed;

  ExecutionController(ExecutionFeed feed) {
    this.feed = feed;
  }

  @Operation(
      operationId = "listExecutions",
      summary = "Executions after a sequence, in order and without gaps",
      description =
          "Read with after = the last sequence applied; continue with after = lastSequence "
              + "until a page comes back empty.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The page"),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
      })
  @GetMapping("/venue/executions")
  ExecutionPage executions(
      @Parameter(description = "the last sequence already applied (0 = from the start)")
          @RequestParam(defaultValue = "0")
          @Min(0)
          long after,
      @Parameter(description = "at most this many executions")
          @RequestParam(defaultValue = "100")
          @Min(1)
          @Max(1000)
          int limit) {
    return feed.after(after, limit);
  }
}
