package com.example.trading.saga.order;

import com.example.trading.schemas.OrderCommand;
import com.example.trading.schemas.OrderCommand.CompleteOrder;
import com.example.trading.schemas.OrderCommand.ConfirmCancellation;
import com.example.trading.schemas.OrderCommand.ExpireOrder;
import com.example.trading.schemas.OrderCommand.RejectOrder;
import com.example.trading.schemas.order.OrderRejectReason;

/**
 * How an order's saga will end, once decided: the final order command it sends after settling and
 * releasing. Decided once (the first reason wins), except that what the venue did prevails: a fully
 * filled order completes, and a rejected or timed-out order that partially filled is cancelled (its
 * fills stand).
 *
 * @param outcome the kind of end
 * @param reason for {@link Outcome#REJECTED} only
 * @param detail a human explanation, may be null
 */
public record Ending(Outcome outcome, OrderRejectReason reason, String detail) {

  /** The four ends of an order. */
  public enum Outcome {
    COMPLETED,
    REJECTED,
    CANCELLED,
    EXPIRED
  }

  public static Ending completed() {
    return new Ending(Outcome.COMPLETED, null, null);
  }

  public static Ending rejected(OrderRejectReason reason, String detail) {
    return new Ending(Outcome.REJECTED, reason, detail);
  }

  public static Ending cancelled(String detail) {
    return new Ending(Outcome.CANCELLED, null, detail);
  }

  public static Ending expired(String detail) {
    return new Ending(Outcome.EXPIRED, null, detail);
  }

  /** The end that the venue's facts impose on this decision. */
  Ending given(long filledQuantity, long quantity) {
    if (filledQuantity == quantity) {
      return outcome == Outcome.COMPLETED ? this : completed();
    }
    if (outcome == Outcome.REJECTED && filledQuantity > 0) {
      return cancelled(
          "stopped after a partial fill: " + reason + (detail == null ? "" : " (" + detail + ")"));
    }
    return this;
  }

  OrderCommand command(String orderId) {
    return switch (outcome) {
      case COMPLETED -> new CompleteOrder(orderId);
      case REJECTED -> new RejectOrder(orderId, reason, detail);
      case CANCELLED -> new ConfirmCancellation(orderId);
      case EXPIRED -> new ExpireOrder(orderId);
    };
  }

  @Override
  public String toString() {
    return outcome == Outcome.REJECTED ? "REJECTED(" + reason + ")" : outcome.name();
  }
}
