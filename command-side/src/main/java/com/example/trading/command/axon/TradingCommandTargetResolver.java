package com.example.trading.command.axon;

import com.example.trading.command.fee.FeeIds;
import com.example.trading.schemas.FeeCommand;
import com.example.trading.schemas.TradingCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes every command of the contract to the aggregate it names ({@link
 * TradingCommand#targetAggregateId()}), so the contract needs no Axon annotations; a fee command
 * goes to the Fee stored under {@link FeeIds#of}. No expected version: optimistic concurrency is
 * enforced by the event store's unique (aggregate, sequence) key.
 */
public final class TradingCommandTargetResolver implements CommandTargetResolver {

  @Override
  public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
    if (command.getPayload() instanceof FeeCommand fee) {
      return new VersionedAggregateIdentifier(FeeIds.of(fee.orderId()), null);
    }
    if (command.getPayload() instanceof TradingCommand tradingCommand) {
      return new VersionedAggregateIdentifier(tradingCommand.targetAggregateId(), null);
    }
    throw new IllegalArgumentException(
        "not a command of the contract: " + command.getPayloadType().getName());
  }
}
