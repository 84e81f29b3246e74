package com.example.trading.exchange.order;

/**
 * A request about an order that the venue cannot carry out, and changed nothing for. (A venue's
 * refusal of an order itself is not one of these: it is a REJECTED answer and execution.)
 */
public abstract sealed class OrderRefusal extends RuntimeException {

  private final String venueOrderId;

  private OrderRefusal(String venueOrderId, String message) {
    super(message);
    this.venueOrderId = venueOrderId;
  }

  public String venueOrderId() {
    return venueOrderId;
  }

  /** No order has this id. */
  public static final class UnknownOrder extends OrderRefusal {

    UnknownOrder(String venueOrderId) {
      super(venueOrderId, "No order " + venueOrderId + " at this venue.");
    }
  }

  /** A placement reuses a known client order id for different terms. */
  public static final class ClientOrderIdReused extends OrderRefusal {

    ClientOrderIdReused(String venueOrderId) {
      super(
          venueOrderId,
          "clientOrderId "
              + venueOrderId
              + " is already used by an order with other terms; an identical request would be answered as before.");
    }
  }

  /** A cancel of an order that has already ended other than by a cancel. */
  public static final class OrderAlreadyFinished extends OrderRefusal {

    private final OrderStatus status;

    OrderAlreadyFinished(String venueOrderId, OrderStatus status) {
      super(
          venueOrderId,
          "Order " + venueOrderId + " is " + status + ": there is nothing left to cancel.");
      this.status = status;
    }

    public OrderStatus status() {
      return status;
    }
  }
}
