package com.example.trading.query.orders;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners;
import com.example.trading.query.consistency.ReadYourWrites;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.InvalidQueryException;
import com.example.trading.query.web.MinPosition;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.query.web.PathIds;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.order.OrderStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order by id, and an account's orders newest first with filters and cursor pagination. The
 * cursor is the sort key of the last order returned ({@code placedAt}, then {@code orderId}, both
 * fixed once an order is placed), so paging is stable while orders are being placed: an order
 * placed meanwhile sorts before the cursor and never shifts the pages after it.
 */
@RestController
@Tag(name = "orders", description = "Orders and their timelines")
class OrderQueryController {

  /** A page of orders, and the cursor of the next page while there may be one. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record OrderPage(List<OrderView> items, @Nullable String nextCursor) {
  }

  private static final int MAX_PAGE = 100;

  private final ElasticsearchClient client;
  private final ViewAliases aliases;
  private final ReadYourWrites readYourWrites;
  private final AccountOwners owners;

  OrderQueryController(ElasticsearchClient client, ViewAliases aliases, ReadYourWrites readYourWrites,
      AccountOwners owners) {
    this.owners = owners;
    this.client = client;
    this.aliases = aliases;
    this.readYourWrites = readYourWrites;
  }

  @Operation(operationId = "getOrder", summary = "One order with its timeline",
      description = "A customer sees their own accounts' orders (another's is 404), an operator every one. "
          + MinPosition.WAITS,
      responses = {
          @ApiResponse(responseCode = "200", description = "The order"),
          @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
          @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)})
  @GetMapping("/api/orders/{orderId}")
  OrderView order(@Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ORDER_ID_PATTERN)) @PathVariable String orderId,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false) String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
      @RequestHeader(name = MinPosition.HEADER, required = false) String minPositionHeader) throws IOException {
    PathIds.requireOrderId(orderId);
    readYourWrites.await(MinPosition.of(minPosition, minPositionHeader), aliases.customerOrders(), aliases.accounts());
    var response = client.get(g -> g.index(aliases.customerOrders()).id(orderId), ObjectNode.class);
    if (!response.found() || response.source() == null || !response.source().hasNonNull("placedAt")
        || !owners.mayRead(caller, response.source().path("accountId").asText())) {
      throw new NotFoundException("No such order: " + orderId);
    }
    return OrderView.from(response.source());
  }

  @Operation(operationId = "listOrders", summary = "An account's orders, newest first",
      description = "Filters combine; pages follow nextCursor until it is null. " + MinPosition.WAITS,
      responses = {
          @ApiResponse(responseCode = "200", description = "A page of orders"),
          @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
          @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)})
  @GetMapping("/api/accounts/{accountId}/orders")
  OrderPage orders(@Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ACCOUNT_ID_PATTERN))
      @PathVariable String accountId,
      @Parameter(schema = @Schema(implementation = OrderStatus.class)) @RequestParam(required = false) String status,
      @Parameter(schema = @Schema(type = "string", pattern = "^[A-Za-z][A-Za-z0-9.]{0,15}$"))
      @RequestParam(required = false) String instrument,
      @Parameter(schema = @Schema(implementation = Side.class)) @RequestParam(required = false) String side,
      @Parameter(description = "placed at or after", schema = @Schema(type = "string", format = "date-time"))
      @RequestParam(required = false) String from,
      @Parameter(description = "placed before", schema = @Schema(type = "string", format = "date-time"))
      @RequestParam(required = false) String to,
      @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
      @RequestParam(required = false) Integer size,
      @Parameter(description = "nextCursor of the page before") @RequestParam(required = false) String cursor,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false) String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
      @RequestHeader(name = MinPosition.HEADER, required = false) String minPositionHeader) throws IOException {
    PathIds.requireAccountId(accountId);
    int pageSize = size == null ? 20 : size;
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidQueryException("size", "must be between 1 and " + MAX_PAGE);
    }
    List<Query> filters = new ArrayList<>();
    filters.add(term("kind", "order"));
    filters.add(term("accountId", accountId));
    filters.add(Query.of(q -> q.exists(e -> e.field("placedAt"))));
    if (status != null) {
      filters.add(term("status", enumName("status", status, OrderStatus.class)));
    }
    if (side != null) {
      filters.add(term("side", enumName("side", side, Side.class)));
    }
    if (instrument != null) {
      if (!instrument.matches("[A-Za-z][A-Za-z0-9.]{0,15}")) {
        throw new InvalidQueryException("instrument", "must be a symbol of 1-16 letters, digits or '.'");
      }
      filters.add(term("instrument", instrument.toUpperCase(Locale.ROOT)));
    }
    Instant fromInstant = instant("from", from);
    Instant toInstant = instant("to", to);
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new InvalidQueryException("from", "must be before 'to'");
    }
    if (fromInstant != null || toInstant != null) {
      filters.add(Query.of(q -> q.range(r -> r.date(d -> {
        d.field("placedAt");
        if (fromInstant != null) {
          d.gte(fromInstant.toString());
        }
        if (toInstant != null) {
          d.lt(toInstant.toString());
        }
        return d;
      }))));
    }
    List<FieldValue> after = cursor == null ? null : decodeCursor(cursor);

    readYourWrites.await(MinPosition.of(minPosition, minPositionHeader), aliases.customerOrders(), aliases.accounts());
    owners.requireReading(caller, accountId);
    SearchResponse<ObjectNode> response = client.search(s -> {
      s.index(aliases.customerOrders()).size(pageSize)
          .query(q -> q.bool(b -> b.filter(filters)))
          .sort(o -> o.field(f -> f.field("placedAt").order(SortOrder.Desc)))
          .sort(o -> o.field(f -> f.field("orderId").order(SortOrder.Desc)));
      if (after != null) {
        s.searchAfter(after);
      }
      return s;
    }, ObjectNode.class);
    List<Hit<ObjectNode>> hits = response.hits().hits();
    List<OrderView> items = hits.stream().map(hit -> OrderView.from(hit.source())).toList();
    String next = hits.size() == pageSize ? encodeCursor(hits.getLast().sort()) : null;
    return new OrderPage(items, next);
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  private static <E extends Enum<E>> String enumName(String parameter, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT)).name();
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(parameter, "must be one of " + List.of(type.getEnumConstants()));
    }
  }

  private static Instant instant(String parameter, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(parameter, "must be an ISO-8601 UTC time, e.g. 2026-11-22T10:00:00Z");
    }
  }

  private static String encodeCursor(List<FieldValue> sort) {
    String text = sort.get(0).longValue() + "|" + sort.get(1).stringValue();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<FieldValue> decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      return List.of(FieldValue.of(Long.parseLong(text.substring(0, bar))), FieldValue.of(text.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw new InvalidQueryException("cursor", "is not a cursor this API returned");
    }
  }
}
