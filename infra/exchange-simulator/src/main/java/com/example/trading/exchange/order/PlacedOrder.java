package com.example.trading.exchange.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An order the venue received (accepted or rejected), as recorded in the journal.
 *
 * @param terms what the client asked for
 * @param expiresAt for a LIMIT order, when it expires: the requested expiry or the placement time
 *     plus the configured TTL; {@code null} for a MARKET order
 * @param at when the venue received it
 */
public record PlacedOrder(OrderTerms terms, @Nullable Instant expiresAt, Instant at) {}
