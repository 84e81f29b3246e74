package com.example.trading.audit;

import com.example.trading.schemas.TradingEvent;
import java.time.Instant;

/**
 * One row of the event store, decoded into its contract type (upcast to the current revision).
 *
 * @param globalIndex the store's global position
 * @param aggregateId the aggregate's identifier
 * @param sequence the event's sequence number within its aggregate
 * @param storedAt when the command side stored it
 * @param payload the event record, of one of the aggregates' families
 * @param principal who caused it ({@code principal} of its metadata), or null for events stored
 *     before the command API recorded it
 */
public record StoredEvent(
    long globalIndex,
    String aggregateId,
    long sequence,
    Instant storedAt,
    TradingEvent payload,
    String principal) {}
