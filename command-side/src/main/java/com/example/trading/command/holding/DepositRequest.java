package com.example.trading.command.holding;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.AccountCommand.RequestDeposit;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.AccountEvent.DepositRequested;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One deposit request of an account under its {@code Idempotency-Key} ({@link
 * AccountEvent#depositStreamId}): it fixes the key's terms (asset and quantity, by value) the first
 * time and refuses other terms under the same key for ever. The holding then applies the deposit
 * once per request ({@code depositId}), however often the request is repeated.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(cache = "aggregateCache", commandTargetResolver = "tradingCommandTargetResolver")
public class DepositRequest {

  @AggregateIdentifier private String depositId;
  private String asset;
  private BigDecimal quantity;

  protected DepositRequest() {
    // for Axon
  }

  /** Records the request; answers its deposit id (the same for a repeat with the same terms). */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  String handle(RequestDeposit command) {
    HoldingQuantities.requirePositive(command.asset(), command.quantity());
    if (depositId == null) {
      apply(
          new DepositRequested(
              command.accountId(),
              command.targetAggregateId(),
              command.idempotencyKey(),
              command.asset(),
              command.quantity()));
    } else if (!asset.equals(command.asset()) || quantity.compareTo(command.quantity()) != 0) {
      throw new HoldingRuleViolation.IdempotencyKeyReused(command.idempotencyKey());
    }
    return depositId;
  }

  @EventSourcingHandler
  void on(DepositRequested event) {
    depositId = event.depositId();
    asset = event.asset();
    quantity = event.quantity();
  }
}
