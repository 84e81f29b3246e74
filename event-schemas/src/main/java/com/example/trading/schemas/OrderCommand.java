package com.example.trading.schemas;

import com.example.trading.schemas.order.OrderRejectReason;
import java.math.BigDecimal;

/** What may be asked of an order: placed and cancelled by the customer, advanced by the saga. */
public sealed interface OrderCommand extends TradingCommand {

  String orderId();

  @Override
  default String targetAggregateId() {
    return orderId();
  }

  /**
   * Revision 2 added {@code timeInForce} and {@code stopPrice} (before, every order worked as a
   * {@code DAY} order without a stop).
   */
  @MessageType(name = "PlaceOrder", revision = 2)
  record PlaceOrder(
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
      implements OrderCommand {}

  /** Record that the venue triggered the stop order at {@code price}; a repeat changes nothing. */
  @MessageType(name = "RecordOrderTrigger")
  record RecordOrderTrigger(String orderId, BigDecimal price) implements OrderCommand {}

  @MessageType(name = "AcceptOrder")
  record AcceptOrder(
      String orderId, String reservedAsset, BigDecimal reservedQuantity, BigDecimal fee)
      implements OrderCommand {}

  @MessageType(name = "RecordOrderSubmission")
  record RecordOrderSubmission(String orderId, String venueOrderId) implements OrderCommand {}

  /** Record one execution; a fill id already recorded changes nothing. */
  @MessageType(name = "RecordFill")
  record RecordFill(String orderId, String fillId, long quantity, BigDecimal price)
      implements OrderCommand {}

  @MessageType(name = "CompleteOrder")
  record CompleteOrder(String orderId) implements OrderCommand {}

  @MessageType(name = "RejectOrder")
  record RejectOrder(String orderId, OrderRejectReason reason, String detail)
      implements OrderCommand {}

  /**
   * The customer's replace of a working order's terms: {@code quantity} (more than what has
   * filled), {@code limitPrice} (LIMIT, STOP_LIMIT) or {@code stopPrice} (STOP, STOP_LIMIT, before
   * the trigger); a null one stays as it is. Refused when the order is finished, not yet working at
   * the venue, or a cancel or another replace is in flight.
   */
  @MessageType(name = "ReplaceOrder")
  record ReplaceOrder(String orderId, Long quantity, BigDecimal limitPrice, BigDecimal stopPrice)
      implements OrderCommand {}

  /** The saga replaced the order everywhere: its terms are those of replace {@code replaceId}. */
  @MessageType(name = "ConfirmReplace")
  record ConfirmReplace(String orderId, String replaceId) implements OrderCommand {}

  /** The saga refused replace {@code replaceId}, having restored the previous terms; why. */
  @MessageType(name = "RejectReplace")
  record RejectReplace(String orderId, String replaceId, String reason) implements OrderCommand {}

  /**
   * A cancel asked through the command API, by the customer or by an operator on the customer's
   * behalf, with the caller's {@code reason} (null when none was given); refused when the order is
   * already finished. Revision 2 added {@code reason}.
   */
  @MessageType(name = "CancelOrder", revision = 2)
  record CancelOrder(String orderId, String reason) implements OrderCommand {

    /** A cancel without a reason. */
    public CancelOrder(String orderId) {
      this(orderId, null);
    }
  }

  /** The saga finished a cancellation: compensated, or cancelled at the venue. */
  @MessageType(name = "ConfirmCancellation")
  record ConfirmCancellation(String orderId) implements OrderCommand {}

  @MessageType(name = "ExpireOrder")
  record ExpireOrder(String orderId) implements OrderCommand {}
}
