package com.example.trading.query.reports;

import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.orders.CustomerOrdersQueries;
import com.example.trading.query.orders.CustomerOrdersQueries.FeeGrouping;
import com.example.trading.query.orders.CustomerOrdersQueries.FeeTotals;
import com.example.trading.query.web.InvalidQueryException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fees collected (settled) across all customers, grouped by instrument, side or day of settlement
 * (UTC), from the CustomerOrders view.
 */
@RestController
@Tag(name = "reports", description = "Fee reports (operators)")
class FeeReportController {

  /** One group's settled fees and how many orders paid them. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Group(
      String key, @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String total, long orders) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record FeeReport(
      @Schema(allowableValues = {"instrument", "side", "day"}) String groupBy,
      List<Group> groups,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String total,
      long orders) {}

  private final CustomerOrdersQueries orders;

  FeeReportController(CustomerOrdersQueries orders) {
    this.orders = orders;
  }

  @Operation(
      operationId = "feeReport",
      summary = "Fees settled, grouped by instrument, side or day (operator)",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description =
                "The groups: most orders first by instrument or side, " + "oldest first by day"),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/reports/fees")
  FeeReport fees(
      @Parameter(hidden = true) Caller caller,
      @Parameter(
              schema =
                  @Schema(
                      allowableValues = {"instrument", "side", "day"},
                      defaultValue = "instrument"))
          @RequestParam(defaultValue = "instrument")
          String groupBy)
      throws IOException {
    caller.requireOperator();
    String by = groupBy.toLowerCase(Locale.ROOT);
    FeeGrouping grouping =
        switch (by) {
          case "instrument" -> FeeGrouping.INSTRUMENT;
          case "side" -> FeeGrouping.SIDE;
          case "day" -> FeeGrouping.DAY;
          default ->
              throw new InvalidQueryException("groupBy", "must be one of instrument, side, day");
        };
    FeeTotals totals = orders.settledFees(grouping);
    return new FeeReport(
        by,
        totals.groups().stream()
            .map(group -> new Group(group.key(), group.total().toPlainString(), group.orders()))
            .toList(),
        totals.total().toPlainString(),
        totals.orders());
  }
}
