package com.example.trading.command.fee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.fee.FeeCommand.ChargeFee;
import com.example.trading.schemas.fee.FeeCommand.RefundFee;
import com.example.trading.schemas.fee.FeeCommand.SettleFee;
import com.example.trading.schemas.fee.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.fee.FeeEvent.FeeCharged;
import com.example.trading.schemas.fee.FeeEvent.FeeRefunded;
import com.example.trading.schemas.fee.FeeEvent.FeeSettled;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The fee obligation of one order (stored under {@link FeeIds#of the order's fee id}). Charged once
 * under the current schedule (or refused when above the order's {@code maxFee}), then either
 * refunded (nothing filled) or settled (something filled) — never both. Every command is
 * idempotent.
 */
@Aggregate(cache = "aggregateCache", commandTargetResolver = "tradingCommandTargetResolver")
public class Fee {

  /** Where the obligation stands. */
  enum State {
    CHARGED,
    REJECTED,
    REFUNDED,
    SETTLED
  }

  @AggregateIdentifier private String feeId;
  private String orderId;
  private String accountId;
  private BigDecimal amount;
  private State state;

  protected Fee() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(ChargeFee command, FeeSchedule currentFeeSchedule) {
    if (state != null) {
      return;
    }
    if (command.quantity() <= 0
        || command.priceEstimate() == null
        || command.priceEstimate().signum() <= 0) {
      throw new FeeRuleViolation("a fee needs a positive quantity and price estimate");
    }
    BigDecimal fee =
        currentFeeSchedule.feeFor(
            command.priceEstimate().multiply(BigDecimal.valueOf(command.quantity())));
    if (command.maxFee() != null && fee.compareTo(command.maxFee()) > 0) {
      apply(
          new FeeChargeRejected(
              command.orderId(),
              command.accountId(),
              fee,
              command.maxFee(),
              FeeRejectionReason.FEE_LIMIT_EXCEEDED));
    } else {
      apply(new FeeCharged(command.orderId(), command.accountId(), fee, currentFeeSchedule.name()));
    }
  }

  @CommandHandler
  void handle(RefundFee command) {
    switch (state) {
      case CHARGED -> apply(new FeeRefunded(orderId, accountId, amount));
      case REFUNDED, REJECTED -> {}
      case SETTLED ->
          throw new FeeRuleViolation(
              "fee of order " + orderId + " is settled and cannot be refunded");
    }
  }

  @CommandHandler
  void handle(SettleFee command) {
    switch (state) {
      case CHARGED -> apply(new FeeSettled(orderId, accountId, amount));
      case SETTLED -> {}
      case REFUNDED ->
          throw new FeeRuleViolation(
              "fee of order " + orderId + " is refunded and cannot be settled");
      case REJECTED -> throw new FeeRuleViolation("fee of order " + orderId + " was never charged");
    }
  }

  @EventSourcingHandler
  void on(FeeCharged event) {
    feeId = FeeIds.of(event.orderId());
    orderId = event.orderId();
    accountId = event.accountId();
    amount = event.amount();
    state = State.CHARGED;
  }

  @EventSourcingHandler
  void on(FeeChargeRejected event) {
    feeId = FeeIds.of(event.orderId());
    orderId = event.orderId();
    accountId = event.accountId();
    state = State.REJECTED;
  }

  @EventSourcingHandler
  void on(FeeRefunded event) {
    state = State.REFUNDED;
  }

  @EventSourcingHandler
  void on(FeeSettled event) {
    state = State.SETTLED;
  }
}
