package com.example.trading.command.holding;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.HoldingCommand.AdjustReservation;
import com.example.trading.schemas.HoldingCommand.CreditHolding;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.holding.HoldingRejectionReason;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One account's holding of one asset ({@code accountId/asset}): its quantity and the reservations
 * open orders hold on it. Keeps {@code 0 ≤ Σ reserved ≤ quantity} at every step; every operation
 * tied to an order or a fill happens at most once, so a redelivered command changes nothing. A
 * reservation that does not fit is refused with an event, never an exception.
 */
// Snapshots are this object serialized by Jackson: its state is in private fields, not getters.
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(
    snapshotTriggerDefinition = "holdingSnapshotTrigger",
    cache = "aggregateCache",
    commandTargetResolver = "tradingCommandTargetResolver")
public class Holding {

  @AggregateIdentifier private String holdingId;
  private String accountId;
  private String asset;
  private BigDecimal quantity = BigDecimal.ZERO;

  /** Open reservations: what is still reserved, by order id. */
  private final Map<String, BigDecimal> reservations = new HashMap<>();

  /** Orders that got a reservation decision (reserved or refused): one decision per order. */
  private final Set<String> decidedOrders = new HashSet<>();

  /** Fill ids already settled from a reservation, and already credited. */
  private final Set<String> settledFills = new HashSet<>();

  private final Set<String> creditedFills = new HashSet<>();

  /** Reservation adjustments already decided (their ids): each is decided once. */
  private final Set<String> decidedAdjustments = new HashSet<>();

  /** Deposit requests already carried out (their ids): each is applied once. */
  private final Set<String> appliedDeposits = new HashSet<>();

  protected Holding() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  boolean handle(DepositHolding command) {
    HoldingQuantities.requirePositive(command.asset(), command.quantity());
    if (command.depositId() != null && appliedDeposits.contains(command.depositId())) {
      return false;
    }
    apply(
        new HoldingDeposited(
            command.holdingId(),
            command.accountId(),
            command.asset(),
            command.quantity(),
            command.depositId()));
    return true;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(ReserveHolding command) {
    HoldingQuantities.requirePositive(command.asset(), command.quantity());
    if (decidedOrders.contains(command.orderId())) {
      return;
    }
    BigDecimal available = available();
    if (available.compareTo(command.quantity()) < 0) {
      apply(
          new HoldingReservationRejected(
              command.holdingId(),
              command.accountId(),
              command.asset(),
              command.orderId(),
              command.quantity(),
              available,
              HoldingRejectionReason.INSUFFICIENT_HOLDING));
    } else {
      apply(
          new HoldingReserved(
              command.holdingId(),
              command.accountId(),
              command.asset(),
              command.orderId(),
              command.quantity()));
    }
  }

  /**
   * Frees what is still reserved for the order; a release after the release changes nothing. The
   * saga releases only a reservation it saw made, so a holding that has no record of the order's
   * reservation refuses: it is a copy that missed the reservation (cached by this instance while
   * another one reserved), which the saga-command consumer then decides again on the stored state,
   * rather than a no-op that would leave the saga waiting for a release that never comes.
   */
  @CommandHandler
  void handle(ReleaseReservation command) {
    if (!decidedOrders.contains(command.orderId())) {
      throw new HoldingRuleViolation(
          "holding "
              + holdingId
              + " has no reservation of order "
              + command.orderId()
              + " to release");
    }
    BigDecimal reserved = reservations.get(command.orderId());
    if (reserved == null) {
      return;
    }
    apply(new HoldingReservationReleased(holdingId, accountId, asset, command.orderId(), reserved));
  }

  /**
   * Changes an open reservation by a signed amount, once per adjustment id: more is reserved when
   * it is available (otherwise refused with an event, the reservation unchanged), less releases
   * that much. Like a release, it refuses when it has no open reservation of the order: a copy that
   * missed the reservation, decided again on the stored state.
   */
  @CommandHandler
  void handle(AdjustReservation command) {
    if (decidedAdjustments.contains(command.adjustmentId())) {
      return;
    }
    BigDecimal reserved = reservations.get(command.orderId());
    if (reserved == null) {
      throw new HoldingRuleViolation(
          "holding "
              + holdingId
              + " has no open reservation of order "
              + command.orderId()
              + " to adjust");
    }
    if (command.change().signum() == 0 || command.change().negate().compareTo(reserved) > 0) {
      throw new HoldingRuleViolation(
          "cannot change the "
              + reserved
              + " "
              + asset
              + " reserved for order "
              + command.orderId()
              + " by "
              + command.change());
    }
    BigDecimal available = available();
    if (command.change().compareTo(available) > 0) {
      apply(
          new HoldingReservationAdjustmentRejected(
              holdingId,
              accountId,
              asset,
              command.orderId(),
              command.adjustmentId(),
              command.change(),
              available,
              HoldingRejectionReason.INSUFFICIENT_HOLDING));
    } else {
      apply(
          new HoldingReservationAdjusted(
              holdingId,
              accountId,
              asset,
              command.orderId(),
              command.adjustmentId(),
              command.change()));
    }
  }

  @CommandHandler
  void handle(SettleReservation command) {
    HoldingQuantities.requirePositive(asset, command.quantity());
    if (settledFills.contains(command.fillId())) {
      return;
    }
    BigDecimal reserved = reservations.get(command.orderId());
    if (reserved == null || reserved.compareTo(command.quantity()) < 0) {
      throw new HoldingRuleViolation(
          "cannot settle "
              + command.quantity()
              + " "
              + asset
              + " for order "
              + command.orderId()
              + ": only "
              + (reserved == null ? BigDecimal.ZERO : reserved)
              + " is reserved");
    }
    apply(
        new HoldingDebited(
            holdingId, accountId, asset, command.orderId(), command.fillId(), command.quantity()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(CreditHolding command) {
    HoldingQuantities.requirePositive(command.asset(), command.quantity());
    if (creditedFills.contains(command.fillId())) {
      return;
    }
    apply(
        new HoldingCredited(
            command.holdingId(),
            command.accountId(),
            command.asset(),
            command.orderId(),
            command.fillId(),
            command.quantity()));
  }

  private BigDecimal available() {
    return quantity.subtract(
        reservations.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @EventSourcingHandler
  void on(HoldingDeposited event) {
    identify(event.holdingId(), event.accountId(), event.asset());
    quantity = quantity.add(event.quantity());
    if (event.depositId() != null) {
      appliedDeposits.add(event.depositId());
    }
  }

  @EventSourcingHandler
  void on(HoldingReserved event) {
    identify(event.holdingId(), event.accountId(), event.asset());
    decidedOrders.add(event.orderId());
    reservations.put(event.orderId(), event.quantity());
  }

  @EventSourcingHandler
  void on(HoldingReservationRejected event) {
    identify(event.holdingId(), event.accountId(), event.asset());
    decidedOrders.add(event.orderId());
  }

  @EventSourcingHandler
  void on(HoldingReservationAdjusted event) {
    decidedAdjustments.add(event.adjustmentId());
    reservations.computeIfPresent(
        event.orderId(), (order, reserved) -> reserved.add(event.change()));
  }

  @EventSourcingHandler
  void on(HoldingReservationAdjustmentRejected event) {
    decidedAdjustments.add(event.adjustmentId());
  }

  @EventSourcingHandler
  void on(HoldingReservationReleased event) {
    reservations.remove(event.orderId());
  }

  @EventSourcingHandler
  void on(HoldingDebited event) {
    settledFills.add(event.fillId());
    reservations.computeIfPresent(
        event.orderId(), (order, reserved) -> reserved.subtract(event.quantity()));
    quantity = quantity.subtract(event.quantity());
  }

  @EventSourcingHandler
  void on(HoldingCredited event) {
    identify(event.holdingId(), event.accountId(), event.asset());
    creditedFills.add(event.fillId());
    quantity = quantity.add(event.quantity());
  }

  private void identify(String holdingId, String accountId, String asset) {
    this.holdingId = holdingId;
    this.accountId = accountId;
    this.asset = asset;
  }
}
