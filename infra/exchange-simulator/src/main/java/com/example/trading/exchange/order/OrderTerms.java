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
 * @param limitPrice for a LIMIT or STOP_LIMIT order, the worst price it may fill at
 * @param priceProtection for a MARKET or STOP order, optionally, the worst price it may fill at
 * @param stopPrice for a STOP or STOP_LIMIT order, the price that triggers it
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
    @Nullable TimeInForce timeInForce,
    @Nullable BigDecimal stopPrice) {

  public OrderTerms {
    Objects.requireNonNull(clientOrderId);
    Objects.requireNonNull(side);
    Objects.requireNonNull(instrument);
    Objects.requireNonNull(type);
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (type.hasLimitPrice() != (limitPrice != null)) {
      throw new IllegalArgumentException(
          "a LIMIT or STOP_LIMIT order needs a limit price, a MARKET or STOP order must not have one");
    }
    if (type.hasStopPrice() != (stopPrice != null)) {
      throw new IllegalArgumentException(
          "a STOP or STOP_LIMIT order needs a stop price, a MARKET or LIMIT order must not have one");
    }
    if (!type.fillsAtMarket() && priceProtection != null) {
      throw new IllegalArgumentException("price protection is for MARKET and STOP orders");
    }
    if (type == OrderType.MARKET && expiresAt != null) {
      throw new IllegalArgumentException("expiry is for orders that may rest");
    }
    if (type.hasStopPrice() && timeInForce != null && timeInForce.endsOnArrival()) {
      throw new IllegalArgumentException("a stop order waits for its trigger: not " + timeInForce);
    }
    if (timeInForce != null && timeInForce.endsOnArrival() && expiresAt != null) {
      throw new IllegalArgumentException(timeInForce + " orders end on arrival: no expiry");
    }
  }

  /**
   * These terms with a replace's quantity and prices; the side, instrument, type, expiry and time
   * in force stay.
   */
  public OrderTerms replacedBy(Replacement replacement) {
    return new OrderTerms(
        clientOrderId,
        side,
        instrument,
        replacement.quantity(),
        type,
        replacement.limitPrice(),
        replacement.priceProtection(),
        expiresAt,
        timeInForce,
        replacement.stopPrice());
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
        && timeInForce == other.timeInForce
        && sameValue(stopPrice, other.stopPrice);
  }

  private static boolean sameValue(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
