package com.example.trading.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.AccountCommand.OpenAccount;
import com.example.trading.schemas.AccountEvent.AccountOpened;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's account ({@code accountId/account}): opened by an operator for exactly one customer,
 * its owner for ever. Orders, cancels and deposits name an account; one never opened does not
 * exist.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(cache = "aggregateCache", commandTargetResolver = "tradingCommandTargetResolver")
public class Account {

  @AggregateIdentifier private String streamId;
  private String customerId;

  protected Account() {
    // for Axon
  }

  /**
   * Opens the account; true when it was opened now, false when it already was, for the same
   * customer.
   */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  boolean handle(OpenAccount command) {
    if (customerId == null) {
      apply(new AccountOpened(command.accountId(), command.customerId()));
      return true;
    }
    if (customerId.equals(command.customerId())) {
      return false;
    }
    throw new AccountRuleViolation.OwnedByAnotherCustomer(command.accountId());
  }

  @EventSourcingHandler
  void on(AccountOpened event) {
    streamId = event.aggregateId();
    customerId = event.customerId();
  }
}
