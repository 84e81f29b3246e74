package com.example.trading.schemas;

import com.example.trading.schemas.order.OrderRejectReason;
import java.math.BigDecimal;

/**
 * What happened to one order (aggregate id = order id, derived from accountId and clientOrderId).
 * Quantities are whole shares; prices and fees are decimals.
 */
public sealed interface OrderEvent extends TradingEvent {

  String orderId();

  @Override
  default String aggregateId() {
    return orderId();
  }

  /**
   * The customer placed the order; status PENDING. {@code limitPrice} only for LIMIT and
   * STOP_LIMIT, {@code stopPrice} only for STOP and STOP_LIMIT. Revision 2 added {@code
   * timeInForce} and {@code stopPrice}; every order placed before was a {@code DAY} order without a
   * stop.
   */
  @MessageType(name = "OrderPlaced", revision = 2)
  record OrderPlaced(
      String orderId,
      String accountId,
      String clientOrderId,
      Side side,
      String instrument,
      long quantity,
      OrderType type,
      BigDecimal limitPrice,
      BigDecimal maxFee,
      TimeInForce timeInForce,
      BigDecimal stopPrice)
      implements OrderEvent {}

  /**
   * A stop order's stop price was reached at the venue (at {@code price}, its last price then): it
   * works from now on as a MARKET (STOP) or LIMIT (STOP_LIMIT) order.
   */
  @MessageType(name = "OrderTriggered")
  record OrderTriggered(String orderId, BigDecimal price) implements OrderEvent {}

  /** The reservation and the fee are done: {@code fee} is what was charged. */
  @MessageType(name = "OrderAccepted")
  record OrderAccepted(
      String orderId, String reservedAsset, BigDecimal reservedQuantity, BigDecimal fee)
      implements OrderEvent {}

  /** The venue acknowledged the order under {@code venueOrderId}. */
  @MessageType(name = "OrderSubmitted")
  record OrderSubmitted(String orderId, String venueOrderId) implements OrderEvent {}

  /**
   * One execution: {@code quantity} at {@code price}; {@code filledQuantity} is the running total.
   */
  @MessageType(name = "OrderFilled")
  record OrderFilled(
      String orderId, String fillId, long quantity, BigDecimal price, long filledQuantity)
      implements OrderEvent {}

  /** Fully filled and settled; nothing remains reserved. */
  @MessageType(name = "OrderCompleted")
  record OrderCompleted(String orderId, long filledQuantity) implements OrderEvent {}

  @MessageType(name = "OrderRejected")
  record OrderRejected(String orderId, OrderRejectReason reason, String detail)
      implements OrderEvent {}

  /**
   * The customer asked to replace the working order's terms with these (the whole new terms: what
   * the request left out is as it was); status REPLACE_REQUESTED. {@code replaceId} ({@code
   * <orderId>:r<n>} for the order's n-th replace) names it in the saga and at the venue.
   */
  @MessageType(name = "OrderReplaceRequested")
  record OrderReplaceRequested(
      String orderId, String replaceId, long quantity, BigDecimal limitPrice, BigDecimal stopPrice)
      implements OrderEvent {}

  /** The reservation, the fee hold and the venue took the new terms: the order works under them. */
  @MessageType(name = "OrderReplaced")
  record OrderReplaced(
      String orderId, String replaceId, long quantity, BigDecimal limitPrice, BigDecimal stopPrice)
      implements OrderEvent {}

  /** The replace was refused ({@code reason}); the order works under its previous terms. */
  @MessageType(name = "OrderReplaceRejected")
  record OrderReplaceRejected(String orderId, String replaceId, String reason)
      implements OrderEvent {}

  /**
   * A cancel was asked; the saga does the rest. {@code requestedBy} is who asked ({@code
   * customer:<sub>}, or {@code operator:<sub>} acting on the customer's behalf) and {@code reason}
   * why, as they said it; both null in revision 1, which recorded neither (the event store's
   * metadata still names the caller).
   */
  @MessageType(name = "OrderCancellationRequested", revision = 2)
  record OrderCancellationRequested(String orderId, String requestedBy, String reason)
      implements OrderEvent {

    /** A cancel recorded without who asked or why (as revision 1 was). */
    public OrderCancellationRequested(String orderId) {
      this(orderId, null, null);
    }
  }

  @MessageType(name = "OrderCancelled")
  record OrderCancelled(String orderId, long filledQuantity) implements OrderEvent {}

  @MessageType(name = "OrderExpired")
  record OrderExpired(String orderId, long filledQuantity) implements OrderEvent {}
}
