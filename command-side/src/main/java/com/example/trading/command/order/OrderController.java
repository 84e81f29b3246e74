package com.example.trading.command.order;

import static com.example.trading.command.web.Identifiers.ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ID_PATTERN;
import static com.example.trading.command.web.Identifiers.ORDER_ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ORDER_ID_PATTERN;
import static com.example.trading.command.web.Identifiers.SYMBOL_MESSAGE;
import static com.example.trading.command.web.Identifiers.SYMBOL_PATTERN;

import com.example.trading.command.account.Accounts;
import com.example.trading.command.admission.Admission;
import com.example.trading.command.order.Order.Placement;
import com.example.trading.command.web.EventStorePositions;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderCommand.CancelOrder;
import com.example.trading.schemas.OrderCommand.PlaceOrder;
import com.example.trading.schemas.OrderCommand.ReplaceOrder;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.order.OrderIds;
import com.example.trading.schemas.order.OrderStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placing, replacing and cancelling orders. Placement is idempotent on {@code (accountId,
 * clientOrderId)}: the first call answers 202, a repeat 200 with the same order id and no second
 * order. New orders pass {@link Admission} first.
 */
@RestController
@Tag(name = "orders", description = "Placing, replacing and cancelling orders")
class OrderController {

  record PlaceOrderRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String accountId,
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String clientOrderId,
      @NotNull Side side,
      @NotBlank @Pattern(regexp = SYMBOL_PATTERN, message = SYMBOL_MESSAGE) String instrument,
      @NotNull @Positive @Max(1_000_000_000L) @Schema(minimum = "1") Long quantity,
      @NotNull OrderType type,
      @Positive @Digits(integer = 12, fraction = 6) @Nullable BigDecimal limitPrice,
      @PositiveOrZero @Digits(integer = 12, fraction = 2) @Nullable BigDecimal maxFee,
      @Schema(
              description =
                  "DAY (the default): until the venue's session close; GTC: until filled or"
                      + " cancelled; IOC: what fills at once, the rest cancelled; FOK: all at once"
                      + " or nothing")
          @Nullable TimeInForce timeInForce,
      @Schema(
              description =
                  "STOP and STOP_LIMIT only: a BUY stop triggers when the last price rises to it,"
                      + " a SELL stop when it falls to it; then the order works as MARKET (STOP) or"
                      + " LIMIT (STOP_LIMIT)")
          @Positive
          @Digits(integer = 12, fraction = 6)
          @Nullable BigDecimal stopPrice) {

    /** What the order asks for: {@code DAY} unless it says otherwise. */
    TimeInForce timeInForceOrDefault() {
      return timeInForce == null ? TimeInForce.DAY : timeInForce;
    }

    @AssertTrue(
        message =
            "is required (and > 0) for a LIMIT or STOP_LIMIT order and must be absent for a"
                + " MARKET or STOP order")
    boolean isLimitPrice() {
      return type == null || type.hasLimitPrice() == (limitPrice != null);
    }

    @AssertTrue(
        message =
            "is required (and > 0) for a STOP or STOP_LIMIT order and must be absent for a"
                + " MARKET or LIMIT order")
    boolean isStopPrice() {
      return type == null || type.hasStopPrice() == (stopPrice != null);
    }

    @AssertTrue(
        message =
            "must not be IOC or FOK for a STOP or STOP_LIMIT order: a stop order waits for its"
                + " trigger")
    boolean isTimeInForce() {
      return type == null || !type.hasStopPrice() || !timeInForceOrDefault().endsOnArrival();
    }
  }

  @Schema(
      description =
          "New terms for a working order; what is left out stays as it is. At least one is"
              + " required.")
  record ReplaceOrderRequest(
      @Schema(
              description =
                  "the order's new quantity: more than what has filled (the rest works at the"
                      + " venue)",
              minimum = "1")
          @Positive
          @Max(1_000_000_000L)
          @Nullable Long quantity,
      @Schema(description = "LIMIT and STOP_LIMIT only: the new limit")
          @Positive
          @Digits(integer = 12, fraction = 6)
          @Nullable BigDecimal limitPrice,
      @Schema(description = "STOP and STOP_LIMIT only, before the stop has triggered: the new stop")
          @Positive
          @Digits(integer = 12, fraction = 6)
          @Nullable BigDecimal stopPrice) {

    @Schema(hidden = true)
    @AssertTrue(message = "must name at least one of quantity, limitPrice and stopPrice")
    boolean isTerms() {
      return quantity != null || limitPrice != null || stopPrice != null;
    }
  }

  @Schema(
      description =
          "Optional: why the order is cancelled, recorded in the order's history with who asked"
              + " (the operator console always gives one when cancelling on a customer's behalf).")
  record CancelOrderRequest(
      @Schema(description = "why, as the caller says it", maxLength = 500)
          @Size(max = 500)
          @Pattern(regexp = ".*\\S.*", flags = Pattern.Flag.DOTALL, message = "must not be blank")
          @Nullable String reason) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record OrderAccepted(String orderId, OrderStatus status, String position) {}

  private final CommandGateway commands;
  private final EventStorePositions positions;
  private final Admission admission;
  private final InstrumentCatalog instruments;
  private final Accounts accounts;
  private final Counter placed;

  OrderController(
      CommandGateway commands,
      EventStorePositions positions,
      Admission admission,
      InstrumentCatalog instruments,
      Accounts accounts,
      MeterRegistry meters) {
    this.accounts = accounts;
    this.placed =
        Counter.builder("trading.orders.placed")
            .description("Orders placed through the command API (a repeated placement counts once)")
            .register(meters);
    this.commands = commands;
    this.positions = positions;
    this.admission = admission;
    this.instruments = instruments;
  }

  @Operation(
      operationId = "placeOrder",
      summary = "Place an order (idempotent on accountId + clientOrderId)",
      description =
          "A customer places on their own accounts, an operator on any. The same (accountId, "
              + "clientOrderId) again answers 200 with the same order and places nothing. 503 with Retry-After "
              + "while more work waits for the order saga than the system serves in trading.admission.max-backlog; "
              + "nothing is stored then, and the same placement may be sent again.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Placed; Location: the order at the query API",
            headers = @Header(name = "Location", description = "/api/orders/{orderId}"),
            content = @Content(schema = @Schema(implementation = OrderAccepted.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Placed before with this clientOrderId: the same order",
            headers = @Header(name = "Location", description = "/api/orders/{orderId}"),
            content = @Content(schema = @Schema(implementation = OrderAccepted.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @PostMapping("/api/orders")
  ResponseEntity<OrderAccepted> place(
      @Parameter(hidden = true) Caller caller, @Valid @RequestBody PlaceOrderRequest request) {
    accounts.requireActingOn(caller, request.accountId());
    if (instruments.isUnknown(request.instrument())) {
      throw new UnknownInstrumentException(request.instrument());
    }
    admission.admitOrder();
    String orderId = OrderIds.forClientOrder(request.accountId(), request.clientOrderId());
    Placement placement =
        commands.sendAndWait(
            new PlaceOrder(
                orderId,
                request.accountId(),
                request.clientOrderId(),
                request.side(),
                request.instrument(),
                request.quantity(),
                request.type(),
                request.limitPrice(),
                request.maxFee(),
                request.timeInForceOrDefault(),
                request.stopPrice()),
            metadata(orderId, caller));
    if (placement.created()) {
      placed.increment();
    }
    var body = new OrderAccepted(orderId, placement.status(), positions.afterCommandOn(orderId));
    return ResponseEntity.status(placement.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/orders/" + orderId))
        .body(body);
  }

  @Operation(
      operationId = "cancelOrder",
      summary = "Ask to cancel a live order",
      description =
          "409 when the order has finished already (the problem's orderStatus says how). The body"
              + " is optional: a reason given is recorded in the order's history with who asked.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Cancellation requested",
            content = @Content(schema = @Schema(implementation = OrderAccepted.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
      })
  @PostMapping("/api/orders/{orderId}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  OrderAccepted cancel(
      @Parameter(hidden = true) Caller caller,
      @PathVariable @Pattern(regexp = ORDER_ID_PATTERN, message = ORDER_ID_MESSAGE) String orderId,
      @Valid @RequestBody(required = false) @Nullable CancelOrderRequest request) {
    accounts.requireActingOnOrder(caller, orderId);
    String reason = request == null || request.reason() == null ? null : request.reason().strip();
    OrderStatus status =
        commands.sendAndWait(new CancelOrder(orderId, reason), metadata(orderId, caller));
    return new OrderAccepted(orderId, status, positions.afterCommandOn(orderId));
  }

  @Operation(
      operationId = "replaceOrder",
      summary = "Replace a working order's quantity, limit or stop price",
      description =
          "The order keeps its id. The saga re-reserves (or releases) the difference, holds the fee"
              + " for the new terms, then replaces the order at the venue; a refusal at any step"
              + " restores the previous terms and the order's timeline says why. 409 when the order"
              + " has finished, is not working at the venue yet, or a cancel or another replace is"
              + " in flight (the problem's orderStatus says which); 400 when the new terms do not"
              + " fit the order (a price its type has not, a quantity not above what filled, no"
              + " change).",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Replace requested (status REPLACE_REQUESTED)",
            content = @Content(schema = @Schema(implementation = OrderAccepted.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
      })
  @PatchMapping("/api/orders/{orderId}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  OrderAccepted replace(
      @Parameter(hidden = true) Caller caller,
      @PathVariable @Pattern(regexp = ORDER_ID_PATTERN, message = ORDER_ID_MESSAGE) String orderId,
      @Valid @RequestBody ReplaceOrderRequest request) {
    accounts.requireActingOnOrder(caller, orderId);
    OrderStatus status =
        commands.sendAndWait(
            new ReplaceOrder(
                orderId, request.quantity(), request.limitPrice(), request.stopPrice()),
            metadata(orderId, caller));
    return new OrderAccepted(orderId, status, positions.afterCommandOn(orderId));
  }

  private static MetaData metadata(String orderId, Caller caller) {
    return MetaData.with(MessageMetadata.CORRELATION_ID, orderId)
        .and(MessageMetadata.PRINCIPAL, caller.principal());
  }
}
