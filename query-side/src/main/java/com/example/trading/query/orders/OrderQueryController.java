package com.example.trading.query.orders;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners;
import com.example.trading.query.consistency.ReadYourWrites;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.orders.CustomerOrdersQueries.OrderFilter;
import com.example.trading.query.web.MinPosition;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.query.web.PathIds;
import com.example.trading.query.web.QueryParameters;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.order.OrderStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order by id, and an account's orders newest first with filters and cursor pagination (stable
 * while orders are being placed: see {@link CustomerOrdersQueries#page}). The controller checks the
 * request and who may read; the view is read by {@link CustomerOrdersQueries}.
 */
@RestController
@Tag(name = "orders", description = "Orders and their timelines")
class OrderQueryController {

  /** A page of orders, and the cursor of the next page while there may be one. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record OrderPage(List<OrderView> items, @Nullable String nextCursor) {}

  private final CustomerOrdersQueries orders;
  private final ViewAliases aliases;
  private final ReadYourWrites readYourWrites;
  private final AccountOwners owners;

  OrderQueryController(
      CustomerOrdersQueries orders,
      ViewAliases aliases,
      ReadYourWrites readYourWrites,
      AccountOwners owners) {
    this.orders = orders;
    this.aliases = aliases;
    this.readYourWrites = readYourWrites;
    this.owners = owners;
  }

  @Operation(
      operationId = "getOrder",
      summary = "One order with its timeline",
      description =
          "A customer sees their own accounts' orders (another's is 404), an operator every one. "
              + MinPosition.WAITS,
      responses = {
        @ApiResponse(responseCode = "200", description = "The order"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/orders/{orderId}")
  OrderView order(
      @Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ORDER_ID_PATTERN))
          @PathVariable
          String orderId,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false)
          String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
          @RequestHeader(name = MinPosition.HEADER, required = false)
          String minPositionHeader)
      throws IOException {
    PathIds.requireOrderId(orderId);
    readYourWrites.await(
        MinPosition.of(minPosition, minPositionHeader),
        aliases.customerOrders(),
        aliases.accounts());
    OrderView order = orders.order(orderId).orElse(null);
    if (order == null || !owners.mayRead(caller, order.accountId())) {
      throw new NotFoundException("No such order: " + orderId);
    }
    return order;
  }

  @Operation(
      operationId = "listOrders",
      summary = "An account's orders, newest first",
      description =
          "Filters combine; pages follow nextCursor until it is null. " + MinPosition.WAITS,
      responses = {
        @ApiResponse(responseCode = "200", description = "A page of orders"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/accounts/{accountId}/orders")
  OrderPage orders(
      @Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ACCOUNT_ID_PATTERN))
          @PathVariable
          String accountId,
      @Parameter(schema = @Schema(implementation = OrderStatus.class))
          @RequestParam(required = false)
          String status,
      @Parameter(schema = @Schema(type = "string", pattern = QueryParameters.SYMBOL_PATTERN))
          @RequestParam(required = false)
          String instrument,
      @Parameter(schema = @Schema(implementation = Side.class)) @RequestParam(required = false)
          String side,
      @Parameter(
              description = "placed at or after",
              schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String from,
      @Parameter(
              description = "placed before",
              schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String to,
      @Parameter(
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
          @RequestParam(required = false)
          Integer size,
      @Parameter(description = "nextCursor of the page before") @RequestParam(required = false)
          String cursor,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false)
          String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
          @RequestHeader(name = MinPosition.HEADER, required = false)
          String minPositionHeader)
      throws IOException {
    PathIds.requireAccountId(accountId);
    int pageSize = QueryParameters.pageSize(size);
    OrderStatus statusFilter =
        status == null ? null : QueryParameters.enumValue("status", status, OrderStatus.class);
    Side sideFilter = side == null ? null : QueryParameters.enumValue("side", side, Side.class);
    String instrumentFilter = QueryParameters.symbol("instrument", instrument);
    Instant fromInstant = QueryParameters.instant("from", from);
    Instant toInstant = QueryParameters.instant("to", to);
    QueryParameters.requireOrdered(fromInstant, toInstant);
    OrderFilter filter =
        new OrderFilter(
            accountId, statusFilter, sideFilter, instrumentFilter, fromInstant, toInstant);

    readYourWrites.await(
        MinPosition.of(minPosition, minPositionHeader),
        aliases.customerOrders(),
        aliases.accounts());
    owners.requireReading(caller, accountId);
    CustomerOrdersQueries.Page page = orders.page(filter, pageSize, cursor);
    return new OrderPage(page.orders(), page.nextCursor());
  }
}
