package com.example.trading.saga.market;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON shapes of the exchange's HTTP API ({@code /venue/...}), as the gateway reads and writes
 * them.
 */
final class VenueApi {

  private VenueApi() {}

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
  record OrderAnswer(String venueOrderId, String status, String reason) {}

  /** {@code GET /venue/orders/{clientOrderId}}. */
  record OrderState(
      String venueOrderId,
      String instrument,
      String side,
      String type,
      long quantity,
      long filledQuantity,
      String status,
      String reason) {}

  /** {@code POST /venue/orders/{clientOrderId}/cancel}. */
  record CancelAnswer(String status, long filledQuantity) {}

  /** One entry of the executions feed; {@code type} FILL, CANCELLED, EXPIRED or REJECTED. */
  record Execution(
      long sequence,
      String type,
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
