package com.example.trading.command.order;

import static com.example.trading.command.web.Identifiers.ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ID_PATTERN;
import static com.example.trading.command.web.Identifiers.ORDER_ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ORDER_ID_PATTERN;
import static com.example.trading.command.web.Identifiers.SYMBOL_MESSAGE;
import static com.example.trading.command.web.Identifiers.SYMBOL_PATTERN;

import com.example.trading.command.account.Accounts;
import com.example.trading.command.admission.Admission;
import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.MessageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Parameter;
import com.example.trading.command.order.Order.Placement;
import com.example.trading.command.web.EventStorePositions;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.order.OrderCommand.CancelOrder;
import com.example.trading.schemas.order.OrderCommand.PlaceOrder;
import com.example.trading.schemas.order.OrderStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placing and cancelling orders. Placement is idempotent on {@code (accountId, clientOrderId)}:
 * the first call answers 202, a repeat 200 with the same order id and no second order. New orders
 * pass {@link Admission} first.
 */
@RestController
class OrderController {

  record PlaceOrderRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String accountId,
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String clientOrderId,
      @NotNull Side side,
      @NotBlank @Pattern(regexp = SYMBOL_PATTERN, message = SYMBOL_MESSAGE) String instrument,
      @NotNull @Positive @Max(1_000_000_000L) Long quantity,
      @NotNull OrderType type,
      @Positive @Digits(integer = 12, fraction = 6) BigDecimal limitPrice,
      @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal maxFee) {

    @AssertTrue(message = "is required (and > 0) for a LIMIT order and must be absent for a MARKET order")
    boolean isLimitPrice() {
      return type == null || (type == OrderType.LIMIT) == (limitPrice != null);
    }
  }

  record OrderAccepted(String orderId, OrderStatus status, String position) {
  }

  private final CommandGateway commands;
  private final EventStorePositions positions;
  private final Admission admission;
  private final InstrumentCatalog instruments;
  private final Accounts accounts;
  private final Counter placed;

  OrderController(CommandGateway commands, EventStorePositions positions, Admission admission,
      InstrumentCatalog instruments, Accounts accounts, MeterRegistry meters) {
    this.accounts = accounts;
    this.placed = Counter.builder("trading.orders.placed")
        .description("Orders placed through the command API (a repeated placement counts once)").register(meters);
    this.commands = commands;
    this.positions = positions;
    this.admission = admission;
    this.instruments = instruments;
  }

  @Operation(summary = "Place an order (idempotent on accountId + clientOrderId)",
      description = "503 with Retry-After while more work waits for the order saga than the system serves in "
          + "trading.admission.max-backlog; nothing is stored then, and the same placement may be sent again.")
  @PostMapping("/api/orders")
  ResponseEntity<OrderAccepted> place(@Parameter(hidden = true) Caller caller,
      @Valid @RequestBody PlaceOrderRequest request) {
    accounts.requireActingOn(caller, request.accountId());
    if (instruments.isUnknown(request.instrument())) {
      throw new UnknownInstrumentException(request.instrument());
    }
    admission.admitOrder();
    String orderId = OrderIds.forClientOrder(request.accountId(), request.clientOrderId());
    Placement placement = commands.sendAndWait(new PlaceOrder(orderId, request.accountId(),
        request.clientOrderId(), request.side(), request.instrument(), request.quantity(), request.type(),
        request.limitPrice(), request.maxFee()), metadata(orderId, caller));
    if (placement.created()) {
      placed.increment();
    }
    var body = new OrderAccepted(orderId, placement.status(), positions.afterCommandOn(orderId));
    return ResponseEntity.status(placement.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/orders/" + orderId))
        .body(body);
  }

  @Operation(summary = "Ask to cancel a live order")
  @PostMapping("/api/orders/{orderId}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  OrderAccepted cancel(@Parameter(hidden = true) Caller caller,
      @PathVariable @Pattern(regexp = ORDER_ID_PATTERN, message = ORDER_ID_MESSAGE) String orderId) {
    accounts.requireActingOnOrder(caller, orderId);
    OrderStatus status = commands.sendAndWait(new CancelOrder(orderId), metadata(orderId, caller));
    return new OrderAccepted(orderId, status, positions.afterCommandOn(orderId));
  }

  private static MetaData metadata(String orderId, Caller caller) {
    return MetaData.with(MessageMetadata.CORRELATION_ID, orderId).and(MessageMetadata.PRINCIPAL, caller.principal());
  }
}
