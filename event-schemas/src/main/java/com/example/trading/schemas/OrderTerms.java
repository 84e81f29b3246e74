package com.example.trading.schemas;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order's prices, by its type: a MARKET order names none, a LIMIT order its limit, a STOP order
 * its stop, a STOP_LIMIT order both. Sealed: code that prices an order (what it reserves, what the
 * venue may fill it at) switches over the kinds, so a new kind does not compile until every such
 * place handles it, and a kind never meets a price it does not have (a null limit of a STOP).
 */
public sealed interface OrderTerms {

  /** Fills at the market, within its price protection. */
  record Market() implements OrderTerms {}

  /** Fills at {@code limitPrice} or better. */
  record Limit(BigDecimal limitPrice) implements OrderTerms {
    public Limit {
      requirePositive(limitPrice, "limitPrice");
    }
  }

  /** Waits for {@code stopPrice}, then works as MARKET. */
  record Stop(BigDecimal stopPrice) implements OrderTerms {
    public Stop {
      requirePositive(stopPrice, "stopPrice");
    }
  }

  /** Waits for {@code stopPrice}, then works as LIMIT at {@code limitPrice}. */
  record StopLimit(BigDecimal stopPrice, BigDecimal limitPrice) implements OrderTerms {
    public StopLimit {
      requirePositive(stopPrice, "stopPrice");
      requirePositive(limitPrice, "limitPrice");
    }
  }

  /**
   * The terms of an order of {@code type} with these prices, as the order's commands and events
   * carry them.
   *
   * @throws IllegalArgumentException when the type needs a price that is missing or not positive,
   *     or names one it does not have ("a LIMIT order needs a positive limitPrice", "a MARKET order
   *     has no stopPrice")
   */
  static OrderTerms of(OrderType type, BigDecimal limitPrice, BigDecimal stopPrice) {
    Objects.requireNonNull(type, "type");
    BigDecimal limit = price(type, "limitPrice", type.hasLimitPrice(), limitPrice);
    BigDecimal stop = price(type, "stopPrice", type.hasStopPrice(), stopPrice);
    return switch (type) {
      case MARKET -> new Market();
      case LIMIT -> new Limit(limit);
      case STOP -> new Stop(stop);
      case STOP_LIMIT -> new StopLimit(stop, limit);
    };
  }

  private static BigDecimal price(
      OrderType type, String field, boolean required, BigDecimal price) {
    if (required && (price == null || price.signum() <= 0)) {
      throw new IllegalArgumentException("a " + type + " order needs a positive " + field);
    }
    if (!required && price != null) {
      throw new IllegalArgumentException("a " + type + " order has no " + field);
    }
    return price;
  }

  private static void requirePositive(BigDecimal price, String field) {
    if (price == null || price.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be positive");
    }
  }
}
