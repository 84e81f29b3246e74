package com.example.trading.exchange.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order as the client asked for it. Immutable. Two placements with the same client order id are
 * the same request when their terms are {@link #sameAs the same}.
 *
 * @param clientOrderId the client's id for the order; also the venue order id
 * @param limitPrice for a LIMIT order, the worst price it may fill at
 * @param priceProtection for a MARKET order, optionally, the worst price it may fill at
 * @param expiresAt for a LIMIT order, optionally, when it expires at the latest
 * @param timeInForce how long it works; null for a client that names none (a LIMIT order then rests
 *     until {@code expiresAt} or the configured TTL)
 */
public record OrderTerms(
    String clientOrderId,
    Side side,
    String instrument,
    long quantity,
    OrderType type,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal priceProtection,
    @Nullable Instant expiresAt,
    @Nullable TimeInForce timeInForce) {

  public OrderTerms {
    Objects.requireNonNull(clientOrderId);
    Objects.requireNonNull(side);
    Objects.requireNonNull(instrument);
    Objects.requireNonNull(type);
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if ((type == OrderType.LIMIT) != (limitPrice != null)) {
      throw new IllegalArgumentException(
          "a LIMIT order needs a limit price, a MARKET order must not have one");
    }
    if (type == OrderType.LIMIT && priceProtection != null) {
      throw new IllegalArgumentException("price protection is for MARKET orders");
    }
    if (type == OrderType.MARKET && expiresAt != null) {
      throw new IllegalArgumentException("expiry is for LIMIT orders");
    }
    if (timeInForce != null && timeInForce.endsOnArrival() && expiresAt != null) {
      throw new IllegalArgumentException(timeInForce + " orders end on arrival: no expiry");
    }
  }

  /**
   * Whether both ask for the same order; prices compare by value ({@code 190.2} = {@code 190.20}).
   */
  public boolean sameAs(OrderTerms other) {
    return clientOrderId.equals(other.clientOrderId)
        && side == other.side
        && instrument.equals(other.instrument)
        && quantity == other.quantity
        && type == other.type
        && sameValue(limitPrice, other.limitPrice)
        && sameValue(priceProtection, other.priceProtection)
        && Objects.equals(expiresAt, other.expiresAt)
        && timeInForce == other.timeInForce;
  }

  private static boolean sameValue(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
