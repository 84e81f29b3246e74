package com.example.trading.schemas;

/**
 * An event of one of the aggregates. Closed twice: the aggregates' families are the only kinds of
 * event, and each family ({@code OrderEvent}, {@code HoldingEvent}, ...) is a sealed interface of
 * its events, so consumers switch over them exhaustively and a new event or a new family breaks the
 * build wherever it must be handled. The families live in this package because on the class path a
 * sealed type's subtypes must share its package.
 */
public sealed interface TradingEvent permits OrderEvent, HoldingEvent, FeeEvent, AccountEvent {

  /** The id of the aggregate that recorded the event; the Kafka key. */
  String aggregateId();
}
