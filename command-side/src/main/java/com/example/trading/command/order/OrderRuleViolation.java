package com.example.trading.command.order;

import com.example.trading.command.RuleViolation;
import com.example.trading.schemas.order.OrderStatus;

/** An order command that breaks the order's rules: refused, state unchanged. */
public class OrderRuleViolation extends IllegalArgumentException implements RuleViolation {

  public OrderRuleViolation(String message) {
    super(message);
  }

  /** A cancel (or other customer action) on an order that has already finished. */
  public static final class OrderAlreadyFinished extends OrderRuleViolation {
    private final transient OrderStatus status;

    public OrderAlreadyFinished(String orderId, OrderStatus status) {
      super("order " + orderId + " is already " + status);
      this.status = status;
    }

    public OrderStatus status() {
      return status;
    }
  }

  /**
   * A replace the order cannot take in its state: not working at the venue yet, a cancel or another
   * replace in flight, or a MARKET order (it does not rest).
   */
  public static final class OrderNotReplaceable extends OrderRuleViolation {
    private final transient OrderStatus status;

    public OrderNotReplaceable(String orderId, OrderStatus status, String why) {
      super("order " + orderId + " (" + status + ") cannot be replaced: " + why);
      this.status = status;
    }

    public OrderStatus status() {
      return status;
    }
  }

  /** The clientOrderId was used before for an order with different terms. */
  public static final class ClientOrderIdReused extends OrderRuleViolation {
    public ClientOrderIdReused(String clientOrderId, String orderId) {
      super(
          "clientOrderId "
              + clientOrderId
              + " was already used for order "
              + orderId
              + " with different terms");
    }
  }
}
