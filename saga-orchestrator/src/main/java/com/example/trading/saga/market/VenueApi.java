package com.example.trading.saga.market;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON shapes of the exchange's HTTP API ({@code /venue/...}), as the gateway reads and writes
 * them.
 */
final class VenueApi {

  private VenueApi() {}

  /**
   * What an entry of the executions feed reports. A type this gateway does not know reads as {@code
   * UNKNOWN}, and the entry is skipped with a warning, rather than stopping the feed.
   */
  enum ExecutionType {
    FILL,
    TRIGGERED,
    CANCELLED,
    EXPIRED,
    REJECTED,
    UNKNOWN;

    @JsonCreator
    static ExecutionType of(String text) {
      return known(values(), text, UNKNOWN);
    }
  }

  /** The value named {@code text}, or {@code unknown} for a name this gateway does not know. */
  static <E extends Enum<E>> E known(E[] values, String text, E unknown) {
    return Arrays.stream(values)
        .filter(value -> value != unknown && value.name().equals(text))
        .findFirst()
        .orElse(unknown);
  }

  /** {@code POST /venue/orders}; idempotent by {@code clientOrderId}. */
  record NewOrder(
      String clientOrderId,
      String side,
      String instrument,
      long quantity,
      String type,
      BigDecimal limitPrice,
      BigDecimal priceProtection,
      String expiresAt,
      String timeInForce,
      BigDecimal stopPrice) {}

  /** The answer to a new order: ACCEPTED or REJECTED (with a reason). */
  record OrderAnswer(String venueOrderId, VenueOrderStatus status, String reason) {}

  /** {@code GET /venue/orders/{clientOrderId}}. */
  record OrderState(
      String venueOrderId,
      String instrument,
      String side,
      String type,
      long quantity,
      long filledQuantity,
      VenueOrderStatus status,
      String reason) {}

  /** {@code PUT /venue/orders/{clientOrderId}}; idempotent by {@code replaceId}. */
  record ReplaceOrder(
      String replaceId,
      long quantity,
      BigDecimal limitPrice,
      BigDecimal stopPrice,
      BigDecimal priceProtection) {}

  /** {@code POST /venue/orders/{clientOrderId}/cancel}. */
  record CancelAnswer(VenueOrderStatus status, long filledQuantity) {}

  /** One entry of the executions feed. */
  record Execution(
      long sequence,
      ExecutionType type,
      String venueOrderId,
      String fillId,
      long quantity,
      BigDecimal price,
      String reason,
      String at) {}

  /** {@code GET /venue/executions?after=&limit=}: gap-free increasing sequences. */
  record ExecutionPage(List<Execution> executions, long lastSequence) {}

  /** {@code GET /venue/prices/{instrument}}. */
  record Price(String instrument, BigDecimal price, String at) {}
}
