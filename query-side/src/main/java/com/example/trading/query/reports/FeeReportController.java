package com.example.trading.query.reports;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.InvalidQueryException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
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
  record Group(String key, @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String total, long orders) {
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record FeeReport(@Schema(allowableValues = {"instrument", "side", "day"}) String groupBy, List<Group> groups,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String total, long orders) {
  }

  private final ElasticsearchClient client;
  private final ViewAliases aliases;

  FeeReportController(ElasticsearchClient client, ViewAliases aliases) {
    this.client = client;
    this.aliases = aliases;
  }

  @Operation(operationId = "feeReport", summary = "Fees settled, grouped by instrument, side or day (operator)",
      responses = {
          @ApiResponse(responseCode = "200", description = "The groups, largest key first for days"),
          @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)})
  @GetMapping("/api/reports/fees")
  FeeReport fees(@Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(allowableValues = {"instrument", "side", "day"}, defaultValue = "instrument"))
      @RequestParam(defaultValue = "instrument") String groupBy)
      throws IOException {
    caller.requireOperator();
    String by = groupBy.toLowerCase(Locale.ROOT);
    Aggregation grouping = switch (by) {
      case "instrument", "side" -> Aggregation.of(a -> a.terms(t -> t.field(by).size(1_000))
          .aggregations("fees", sum -> sum.sum(m -> m.field("feeCents"))));
      case "day" -> Aggregation.of(a -> a.dateHistogram(h -> h.field("feeSettledAt")
              .calendarInterval(CalendarInterval.Day).format("yyyy-MM-dd").minDocCount(1))
          .aggregations("fees", sum -> sum.sum(m -> m.field("feeCents"))));
      default -> throw new InvalidQueryException("groupBy", "must be one of instrument, side, day");
    };
    var response = client.search(s -> s.index(aliases.customerOrders()).size(0)
        .query(q -> q.bool(b -> b.filter(Query.of(f -> f.term(t -> t.field("kind").value("order"))),
            Query.of(f -> f.term(t -> t.field("feeStatus").value("SETTLED"))))))
        .aggregations("groups", grouping)
        .aggregations("total", a -> a.sum(m -> m.field("feeCents"))), ObjectNode.class);

    List<Group> groups = new ArrayList<>();
    var aggregate = response.aggregations().get("groups");
    if (by.equals("day")) {
      aggregate.dateHistogram().buckets().array().forEach(bucket -> groups.add(new Group(bucket.keyAsString(),
          money(bucket.aggregations().get("fees").sum().value()), bucket.docCount())));
    } else {
      aggregate.sterms().buckets().array().forEach(bucket -> groups.add(new Group(bucket.key().stringValue(),
          money(bucket.aggregations().get("fees").sum().value()), bucket.docCount())));
    }
    long orders = response.hits().total() == null ? 0 : response.hits().total().value();
    return new FeeReport(by, groups, money(response.aggregations().get("total").sum().value()), orders);
  }

  private static String money(double cents) {
    return BigDecimal.valueOf(Math.round(cents), 2).toPlainString();
  }
}
