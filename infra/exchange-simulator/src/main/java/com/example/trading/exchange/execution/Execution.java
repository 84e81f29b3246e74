package com.example.trading.exchange.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the executions feed: a fill, a cancel confirmation, an expiry or a rejection of one
 * order. Immutable; an execution's sequence and fill id never change, across restarts too.
 *
 * @param sequence its position in the feed: 1, 2, 3… without gaps
 * @param type what happened
 * @param venueOrderId the order it concerns (the client's order id)
 * @param fillId for a FILL, an id unique across the venue: {@code {venueOrderId}-F{n}} for the
 *     order's n-th fill
 * @param quantity shares filled (FILL), or the unfilled remainder cancelled or expired, or the
 *     order's quantity (REJECTED)
 * @param price for a FILL, the price per share
 * @param reason for a REJECTED, why
 * @param at when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Execution(
    long sequence,
    ExecutionType type,
    String venueOrderId,
    @Nullable String fillId,
    long quantity,
    @Nullable BigDecimal price,
    @Nullable RejectReason reason,
    Instant at) {}
