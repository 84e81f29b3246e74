package com.example.trading.exchange.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a cancel: the order is CANCELLED, with what had filled before.
 *
 * @param filledQuantity shares that had filled before the cancel; they stay filled
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CancelAnswer(String venueOrderId, OrderStatus status, long filledQuantity) {}
