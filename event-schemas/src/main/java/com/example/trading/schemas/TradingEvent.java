package com.example.trading.schemas;

/**
 * An event of one of the aggregates. Each aggregate's events form a sealed interface ({@code
 * HoldingEvent}, {@code FeeEvent}, {@code OrderEvent}) so consumers can switch over them
 * exhaustively and a new event breaks the build wherever it must be handled.
 */
public interface TradingEvent {

  /** The id of the aggregate that recorded the event; the Kafka key. */
  String aggregateId();
}
