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

  /**
   * A replace the order cannot take as it stands: it has ended, it is a MARKET order, it has filled
   * as much as the new quantity, or its stop has triggered and the stop would change.
   */
  public static final class ReplaceRefused extends OrderRefusal {

    private final OrderStatus status;

    ReplaceRefused(String venueOrderId, OrderStatus status, String why) {
      super(venueOrderId, "Order " + venueOrderId + " (" + status + ") cannot be replaced: " + why);
      this.status = status;
    }

    public OrderStatus status() {
      return status;
    }
  }

  /** Replace terms that do not fit the order's type (a price it has not, or one it lacks). */
  public static final class InvalidReplace extends OrderRefusal {

    InvalidReplace(String venueOrderId, String why) {
      super(venueOrderId, "Replace of order " + venueOrderId + " is invalid: " + why);
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
