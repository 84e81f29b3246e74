package com.example.trading.exchange.order;

/**
 * The answer to a cancel: the order is CANCELLED, with what had filled before.
 *
 * @param filledQuantity shares that had filled before the cancel; they stay filled
 */
public record CancelAnswer(String venueOrderId, OrderStatus status, long filledQuantity) {
}
