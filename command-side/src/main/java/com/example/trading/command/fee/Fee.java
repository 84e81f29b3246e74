package com.example.trading.command.fee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.Assets;
import com.example.trading.schemas.FeeCommand.AdjustFeeHold;
import com.example.trading.schemas.FeeCommand.ChargeFee;
import com.example.trading.schemas.FeeCommand.RefundFee;
import com.example.trading.schemas.FeeCommand.SettleFee;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjustmentRejected;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The fee obligation of one order (stored under {@link FeeIds#of the order's fee id}). Held once
 * under the current schedule on the order's estimate (or refused when above the order's {@code
 * maxFee}), then, when the order ends, either refunded whole (nothing filled) or settled on what
 * traded (something filled): the fee due on the fills' notional under the schedule the hold named,
 * at most the hold, is paid and the rest of the hold refunded — never both a refund and a
 * settlement. Every command is idempotent.
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

  /** What {@link FeeCharged} held. */
  private BigDecimal held;

  /** The schedule the hold was computed under, which the settlement follows too. */
  private String schedule;

  private State state;

  /** Hold adjustments already decided (their ids): each is decided once. */
  private final Set<String> decidedAdjustments = new HashSet<>();

  protected Fee() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(ChargeFee command) {
    if (state != null) {
      return;
    }
    FeeSchedule schedule = scheduleOf(command);
    if (command.quantity() <= 0
        || command.priceEstimate() == null
        || command.priceEstimate().signum() <= 0) {
      throw new FeeRuleViolation("a fee needs a positive quantity and price estimate");
    }
    BigDecimal fee =
        schedule.feeFor(command.priceEstimate().multiply(BigDecimal.valueOf(command.quantity())));
    if (command.maxFee() != null && fee.compareTo(command.maxFee()) > 0) {
      apply(
          new FeeChargeRejected(
              command.orderId(),
              command.accountId(),
              fee,
              command.maxFee(),
              FeeRejectionReason.FEE_LIMIT_EXCEEDED));
    } else {
      apply(new FeeCharged(command.orderId(), command.accountId(), fee, schedule.name()));
    }
  }

  /**
   * The schedule the saga chose for the order; a revision 1 command (sent before it chose) is
   * charged under the only schedule there was then. The command side chooses none of its own.
   */
  private static FeeSchedule scheduleOf(ChargeFee command) {
    try {
      return FeeSchedule.recordedAs(command.schedule());
    } catch (IllegalArgumentException unknown) {
      throw new FeeRuleViolation(
          "cannot charge the fee of order " + command.orderId() + ": " + unknown.getMessage());
    }
  }

  /**
   * Holds the fee of a new estimate instead, once per adjustment id, while the fee is held (not yet
   * refunded or settled); refused with an event above the order's {@code maxFee}.
   */
  @CommandHandler
  void handle(AdjustFeeHold command) {
    if (decidedAdjustments.contains(command.adjustmentId())) {
      return;
    }
    if (state != State.CHARGED) {
      throw new FeeRuleViolation(
          "fee of order " + command.orderId() + " is " + state + ": its hold cannot change");
    }
    if (command.estimatedNotional() == null || command.estimatedNotional().signum() <= 0) {
      throw new FeeRuleViolation("a fee hold needs a positive estimated notional");
    }
    BigDecimal fee = FeeSchedule.named(schedule).feeFor(command.estimatedNotional());
    if (command.maxFee() != null && fee.compareTo(command.maxFee()) > 0) {
      apply(
          new FeeHoldAdjustmentRejected(
              orderId,
              accountId,
              command.adjustmentId(),
              fee,
              command.maxFee(),
              FeeRejectionReason.FEE_LIMIT_EXCEEDED));
    } else {
      apply(
          new FeeHoldAdjusted(
              orderId, accountId, command.adjustmentId(), held, fee, command.estimatedNotional()));
    }
  }

  @CommandHandler
  void handle(RefundFee command) {
    switch (state) {
      case CHARGED -> apply(new FeeRefunded(orderId, accountId, held));
      case REFUNDED, REJECTED -> {}
      case SETTLED ->
          throw new FeeRuleViolation(
              "fee of order " + orderId + " is settled and cannot be refunded");
    }
  }

  @CommandHandler
  void handle(SettleFee command) {
    switch (state) {
      case CHARGED -> apply(settlement(command));
      case SETTLED -> {}
      case REFUNDED ->
          throw new FeeRuleViolation(
              "fee of order " + orderId + " is refunded and cannot be settled");
      case REJECTED -> throw new FeeRuleViolation("fee of order " + orderId + " was never charged");
    }
  }

  /**
   * Pays what the fills paid of the fee due on what traded and refunds the rest of the hold. A
   * revision 1 command (no amount: a saga that collected the whole hold at the first fill) settles
   * the whole hold.
   */
  private FeeSettled settlement(SettleFee command) {
    if (command.amount() == null) {
      return new FeeSettled(orderId, accountId, held, Assets.cents(BigDecimal.ZERO), null);
    }
    BigDecimal notional = command.executedNotional();
    if (notional == null || notional.signum() <= 0 || command.amount().signum() < 0) {
      throw new FeeRuleViolation(
          "settling the fee of order "
              + orderId
              + " needs a positive executed notional and an amount of at least 0");
    }
    BigDecimal due = FeeSchedule.named(schedule).feeFor(notional).min(held);
    if (command.amount().compareTo(due) > 0) {
      throw new FeeRuleViolation(
          "fee of order %s: %s is more than the %s due on %s traded (held %s)"
              .formatted(orderId, command.amount(), due, notional, held));
    }
    return new FeeSettled(
        orderId, accountId, command.amount(), held.subtract(command.amount()), notional);
  }

  @EventSourcingHandler
  void on(FeeCharged event) {
    feeId = FeeIds.of(event.orderId());
    orderId = event.orderId();
    accountId = event.accountId();
    held = event.amount();
    schedule = event.schedule();
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
  void on(FeeHoldAdjusted event) {
    decidedAdjustments.add(event.adjustmentId());
    held = event.amount();
  }

  @EventSourcingHandler
  void on(FeeHoldAdjustmentRejected event) {
    decidedAdjustments.add(event.adjustmentId());
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
