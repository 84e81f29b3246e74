package com.example.trading.schemas;

/**
 * A command one service asks of another (the saga of the command-side). Carries the id of the
 * aggregate it targets, which is also its Kafka key, so commands for one aggregate stay in order.
 * Sealed over the aggregates' command families, which are sealed in turn (see {@link
 * TradingEvent}).
 */
public sealed interface TradingCommand
    permits OrderCommand, HoldingCommand, FeeCommand, AccountCommand {

  String targetAggregateId();
}
