package com.example.trading.exchange.order;

import com.example.trading.exchange.execution.RejectReason;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An order's state at the venue, consistent with the executions feed up to the moment it was read.
 *
 * @param filledQuantity shares filled so far
 * @param reason why, when REJECTED
 * @param expiresAt when a LIMIT order expires
 * @param timeInForce as placed, when the placement named one
 * @param stopPrice a stop order's stop
 * @param triggered for a stop order, whether its stop was reached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
    String venueOrderId,
    String instrument,
    Side side,
    OrderType type,
    long quantity,
    long filledQuantity,
    OrderStatus status,
    @Nullable RejectReason reason,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal priceProtection,
    @Nullable Instant expiresAt,
    @Nullable TimeInForce timeInForce,
    @Nullable BigDecimal stopPrice,
    @Nullable Boolean triggered) {}
