package com.example.trading.exchange.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A replace of a live order's terms, as recorded in the journal: from then on the order works under
 * {@code quantity}, {@code limitPrice}, {@code stopPrice} and {@code priceProtection} (each as its
 * type has it). Idempotent by {@code replaceId}.
 *
 * @param venueOrderId the order replaced
 * @param replaceId the client's id for this replace; the same id again changes nothing
 * @param at when the venue received it
 */
public record Replacement(
    String venueOrderId,
    String replaceId,
    long quantity,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice,
    @Nullable BigDecimal priceProtection,
    Instant at) {}
