package com.example.trading.saga.order;

import com.example.trading.saga.market.MarketCommand.CancelAtMarket;
import com.example.trading.saga.market.MarketCommand.ReplaceAtMarket;
import com.example.trading.saga.market.MarketCommand.RequestReferencePrice;
import com.example.trading.saga.market.MarketCommand.SubmitToMarket;
import com.example.trading.saga.market.MarketEvent.MarketOrderAccepted;
import com.example.trading.saga.market.MarketEvent.MarketOrderCancelled;
import com.example.trading.saga.market.MarketEvent.MarketOrderEnded;
import com.example.trading.saga.market.MarketEvent.MarketOrderExpired;
import com.example.trading.saga.market.MarketEvent.MarketOrderFilled;
import com.example.trading.saga.market.MarketEvent.MarketOrderRejected;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaceRejected;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaced;
import com.example.trading.saga.market.MarketEvent.MarketOrderTriggered;
import com.example.trading.saga.market.MarketEvent.MarketOrderUnknown;
import com.example.trading.saga.market.MarketEvent.ReferencePriceQuoted;
import com.example.trading.saga.market.MarketEvent.ReferencePriceUnavailable;
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
import com.example.trading.schemas.HoldingCommand.AdjustReservation;
import com.example.trading.schemas.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderCommand.AcceptOrder;
import com.example.trading.schemas.OrderCommand.ConfirmReplace;
import com.example.trading.schemas.OrderCommand.RecordFill;
import com.example.trading.schemas.OrderCommand.RecordOrderSubmission;
import com.example.trading.schemas.OrderCommand.RecordOrderTrigger;
import com.example.trading.schemas.OrderCommand.RejectReplace;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderExpired;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRequested;
import com.example.trading.schemas.OrderEvent.OrderReplaced;
import com.example.trading.schemas.OrderTerms;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.TradingCommand;
import com.example.trading.schemas.fee.FeeSchedule;
import com.example.trading.schemas.order.OrderRejectReason;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.ScheduleToken;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The saga of one order, from {@code OrderPlaced} until the order has recorded its end. It reacts
 * to events only (the command side's, through the inbox, and the market gateway's) and decides
 * commands: contract commands go out through the transactional outbox, market requests to the
 * gateway's queue, both in the same transaction as this saga's state.
 *
 * <pre>
 * step                  command (→ target)                   success event            failure event                 compensation
 * PRICING (MARKET only) RequestReferencePrice (→ gateway)    ReferencePriceQuoted     ReferencePriceUnavailable,    — (nothing done yet)
 *                                                                                     deadline → MARKET_TIMEOUT
 * 1 RESERVING           ReserveHolding (→ Holding)           HoldingReserved          HoldingReservationRejected    — ; RejectOrder(INSUFFICIENT_HOLDING)
 * 2 CHARGING_FEE        ChargeFee (→ Fee)                    FeeCharged               FeeChargeRejected             ReleaseReservation; RejectOrder(FEE_REJECTED)
 * 3 SUBMITTING          AcceptOrder (→ Order),               MarketOrderAccepted      MarketOrderRejected           RefundFee, ReleaseReservation; RejectOrder(MARKET_REJECTED)
 *                       SubmitToMarket (→ gateway)           (→ RecordOrderSubmission) deadline → CancelAtMarket    as above with MARKET_TIMEOUT
 * 4 ON_MARKET           per fill: RecordFill, SettleReservation, CreditHolding (the fill pays the fee due on what traded so far)
 *                                                            MarketOrderFilled        MarketOrderExpired,           settle what filled, release the rest,
 *                                                            (OrderFilled, HoldingDebited, HoldingCredited confirm)  settle the fee on what traded or refund it
 *                                                                                     deadline (time in force) → CancelAtMarket; ExpireOrder
 *   replacing (within ON_MARKET, {@link Replacing}): on OrderReplaceRequested
 *                       AdjustReservation +more (→ Holding)  HoldingReservationAdjusted  …AdjustmentRejected  — ; RejectReplace
 *                       AdjustFeeHold higher (→ Fee)         FeeHoldAdjusted          FeeHoldAdjustmentRejected     give the growth back; RejectReplace
 *                       ReplaceAtMarket (→ gateway)          MarketOrderReplaced      MarketOrderReplaceRejected    give growth and fee back; RejectReplace
 *                       then AdjustReservation −less, AdjustFeeHold lower, ConfirmReplace → OrderReplaced (the order's terms change)
 *   CANCELLING_AT_MARKET CancelAtMarket (→ gateway)          MarketOrderCancelled / Unknown / Ended, MarketOrderExpired
 * 5 SETTLING            — (waits for every fill's confirmations)
 *   RELEASING           ReleaseReservation; SettleFee (on what traded, the rest of the hold refunded) or RefundFee if nothing filled
 *                                                            → HoldingReservationReleased; FeeSettled | FeeRefunded
 *   FINISHING           CompleteOrder | RejectOrder(reason) | ConfirmCancellation | ExpireOrder → the order's terminal event; the saga ends
 * </pre>
 *
 * <p>Cancellation interrupts: requested while a step's answer is pending, the end is decided at
 * once and acted on when the answer comes (before submission: undo what was done; then {@code
 * ConfirmCancellation}); once the order may be at the venue, the saga cancels it there, settles
 * what filled, releases the rest, settles the fee on what traded (or refunds it if nothing filled).
 *
 * <p>Every step has a deadline ({@link SagaTimeouts}); waiting steps re-send the commands whose
 * effect has not been seen ({@link #awaiting}; every receiver is idempotent) with back-off until it
 * is. A deadline is an event like the others ({@link StepDeadlinePassed}, armed through the {@link
 * SagaJournal} with the step): when it comes due it is appended to the orchestrator's store and
 * reaches this saga in store order, after every answer stored before it, on whichever instance owns
 * the order's segment. Every event is checked against the step and the awaited confirmations, so a
 * duplicate or late event changes nothing. No clock, randomness or I/O here: time comes from
 * deadlines.
 *
 * <p>State is serialized by Jackson from the fields; the injected collaborators are transient.
 */
@Saga
// deadlineId: the Axon deadline of sagas stored before deadlines became events; such a saga loads
// without it (its old deadline no longer fires; its venue's answers and time in force still end
// it).
@JsonIgnoreProperties("deadlineId")
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE)
public class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
  private static final String ORDER_ID = "orderId";

  @Autowired private transient CommandGateway commandGateway;

  /**
   * Only to cancel a deadline of a saga stored before the journal armed them ({@link #deadline}).
   */
  @Autowired private transient EventScheduler deadlines;

  @Autowired private transient SagaJournal journal;
  @Autowired private transient SagaTimeouts timeouts;

  /** The schedule new orders are charged under ({@code trading.fees.schedule}). */
  @Autowired private transient FeeSchedule feeScheduleForNewOrders;

  private String orderId;
  private String accountId;
  private Side side;
  private String instrument;
  private long quantity;
  private OrderType type;
  private BigDecimal limitPrice;
  private BigDecimal maxFee;

  /** Null in a saga stored before time in force was recorded: it works as a DAY order. */
  private TimeInForce timeInForce;

  /** STOP and STOP_LIMIT only: where the venue triggers the order. */
  private BigDecimal stopPrice;

  /** Whether the venue has triggered this stop order. */
  private boolean triggered;

  private SagaStep step;

  /** The decided end, or null while the order may still run its course. */
  private Ending ending;

  private BigDecimal referencePrice;
  private ReservationPlan plan;

  /** What the reservation held when granted; null while none is held. */
  private BigDecimal reserved;

  /** How much of the reservation fills have settled. */
  private BigDecimal settledFromReservation = BigDecimal.ZERO;

  /** The fee held ({@code FeeCharged}); null until held. */
  private BigDecimal fee;

  /**
   * The fee schedule of the order: chosen when it reserves (its room for the fee), sent with the
   * {@code ChargeFee} and recorded in the {@code FeeCharged}, which the fee due on what traded then
   * follows. Null in a saga stored before schedules were chosen here.
   */
  private String feeSchedule;

  /**
   * Σ price × quantity (each in cents) of the fills so far: the fee is due on it. Null in a saga
   * stored before fees were settled on what traded that had filled by then (its whole hold was
   * collected and settled at its first fill); such a saga collects and settles nothing more.
   */
  private BigDecimal executedNotional;

  /**
   * How much of the fee due the fills have paid: out of the cash reserved (BUY) or the proceeds.
   */
  private BigDecimal feeCollected = BigDecimal.ZERO;

  /**
   * The notional the fee is held on: the estimate at the charge, then each replace's. Null in a
   * saga stored before replaces (its hold is on {@code plan.priceEstimate() × quantity}).
   */
  private BigDecimal feeNotional;

  /** The replace in flight, or null. */
  private Replacing replacing;

  private String venueOrderId;
  private long filledQuantity;

  /** What the venue said was filled when it ended the order, while fills up to it are still due. */
  private Long venueFilledQuantity;

  private Set<String> fillIds = new LinkedHashSet<>();

  /** Commands sent whose effect was not seen yet, by the confirmation that settles each. */
  private Map<Confirmation, PendingCommand> awaiting = new LinkedHashMap<>();

  /**
   * The db-scheduler deadline of a saga stored before the step deadlines moved into the journal
   * ({@link SagaJournal}); null for every saga started since, which never sets it.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  private ScheduleToken deadline;

  private int retry;

  public OrderSaga() {
    // for Axon
  }

  /** The order's account, once the saga has seen the placement (for the logging context). */
  String accountId() {
    return accountId;
  }

  // ---- start ----------------------------------------------------------------------------------

  @StartSaga
  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderPlaced placed) {
    orderId = placed.orderId();
    accountId = placed.accountId();
    side = placed.side();
    instrument = placed.instrument();
    quantity = placed.quantity();
    type = placed.type();
    limitPrice = placed.limitPrice();
    maxFee = placed.maxFee();
    timeInForce = placed.timeInForce();
    stopPrice = placed.stopPrice();
    switch (type) {
      case MARKET -> {
        ask(new RequestReferencePrice(orderId, instrument));
        moveTo(SagaStep.PRICING, "placed; needs a reference price");
      }
      // A stop order reserves on its stop price, the limit on its limit: no reference price needed.
      case LIMIT, STOP, STOP_LIMIT -> reserve();
    }
  }

  // ---- PRICING (MARKET orders) ----------------------------------------------------------------

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(ReferencePriceQuoted quoted) {
    if (step != SagaStep.PRICING) {
      return;
    }
    referencePrice = quoted.price();
    reserve();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(ReferencePriceUnavailable unavailable) {
    if (step != SagaStep.PRICING) {
      return;
    }
    decide(
        Ending.rejected(
            OrderRejectReason.MARKET_REJECTED, "no reference price: " + unavailable.reason()));
    beginEnding();
  }

  // ---- 1. RESERVING ---------------------------------------------------------------------------

  private void reserve() {
    feeSchedule = feeScheduleForNewOrders.name();
    plan =
        ReservationPlan.of(
            side,
            instrument,
            quantity,
            OrderTerms.of(type, limitPrice, stopPrice),
            referencePrice,
            feeScheduleForNewOrders);
    send(
        Confirmation.RESERVE,
        new ReserveHolding(
            Assets.holdingId(accountId, plan.asset()),
            accountId,
            plan.asset(),
            orderId,
            plan.quantity()));
    moveTo(SagaStep.RESERVING, "reserving " + plan.quantity() + " " + plan.asset());
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingReserved reservation) {
    if (step != SagaStep.RESERVING || !confirmed(Confirmation.RESERVE)) {
      return;
    }
    reserved = reservation.quantity();
    if (ending != null) {
      beginEnding();
      return;
    }
    send(
        Confirmation.CHARGE_FEE,
        new ChargeFee(
            orderId,
            accountId,
            side,
            instrument,
            quantity,
            plan.priceEstimate(),
            maxFee,
            feeSchedule));
    moveTo(SagaStep.CHARGING_FEE, "reserved " + reserved + " " + plan.asset());
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingReservationRejected rejection) {
    if (step != SagaStep.RESERVING || !confirmed(Confirmation.RESERVE)) {
      return;
    }
    decide(
        Ending.rejected(
            OrderRejectReason.INSUFFICIENT_HOLDING,
            "requested "
                + rejection.requested()
                + " "
                + rejection.asset()
                + ", available "
                + rejection.available()));
    beginEnding();
  }

  // ---- 2. CHARGING_FEE ------------------------------------------------------------------------

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeCharged charged) {
    if (step != SagaStep.CHARGING_FEE || !confirmed(Confirmation.CHARGE_FEE)) {
      return;
    }
    fee = charged.amount();
    feeSchedule = charged.schedule();
    executedNotional = BigDecimal.ZERO;
    feeNotional = plan.priceEstimate().multiply(BigDecimal.valueOf(quantity));
    if (ending != null) {
      beginEnding();
      return;
    }
    sendOnce(new AcceptOrder(orderId, plan.asset(), reserved, fee));
    ask(
        new SubmitToMarket(
            orderId,
            side,
            instrument,
            quantity,
            type,
            limitPrice,
            plan.priceProtection(),
            timeInForce(),
            stopPrice));
    moveTo(SagaStep.SUBMITTING, "fee " + fee + " charged; submitting to the market");
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeChargeRejected rejection) {
    if (step != SagaStep.CHARGING_FEE || !confirmed(Confirmation.CHARGE_FEE)) {
      return;
    }
    decide(
        Ending.rejected(
            OrderRejectReason.FEE_REJECTED,
            "fee " + rejection.fee() + " above maxFee " + rejection.maxFee()));
    beginEnding();
  }

  // ---- 3. SUBMITTING --------------------------------------------------------------------------

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderAccepted accepted) {
    if (!isAtMarket() || venueOrderId != null) {
      return;
    }
    recordSubmission(accepted.venueOrderId());
    if (step == SagaStep.SUBMITTING) {
      moveTo(SagaStep.ON_MARKET, "accepted by the venue as " + venueOrderId);
    }
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderRejected rejection) {
    if (!isAtMarket()) {
      return;
    }
    decide(Ending.rejected(OrderRejectReason.MARKET_REJECTED, rejection.reason()));
    marketPhaseOver(null);
  }

  // ---- 4. ON_MARKET: a stop's trigger, fills ---------------------------------------------------

  /** Records the trigger on the order (for its history); the order's course does not wait on it. */
  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderTriggered trigger) {
    if (triggered || !isAtMarket()) {
      return;
    }
    triggered = true;
    sendOnce(new RecordOrderTrigger(orderId, trigger.price()));
    log.atInfo().log("stop {} triggered at {}", stopPrice, trigger.price());
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderFilled fill) {
    if (fillIds.contains(fill.fillId())) {
      return;
    }
    if ((!isAtMarket() && step != SagaStep.SETTLING) || reserved == null || fee == null) {
      log.atError()
          .log(
              "fill {} of {} at {} arrived after the order's end was settled (step {}); an operator must settle it",
              fill.fillId(),
              fill.quantity(),
              fill.price(),
              step);
      return;
    }
    if (venueOrderId == null) {
      recordSubmission(orderId);
    }
    settle(fill);
    if (step == SagaStep.SETTLING) {
      if (replacing == null) {
        ending = ending.given(filledQuantity, quantity);
      }
    } else if (filledQuantity == quantity
        && replacing != null
        && replacing.phase() == Replacing.Phase.AT_VENUE) {
      // The venue may have taken the new terms first: its answer to the replace decides.
      log.atInfo().log(
          "filled {} while replace {} is at the venue", quantity, replacing.replaceId());
    } else if (filledQuantity == quantity) {
      decide(Ending.completed());
      beginEnding();
    } else if (step == SagaStep.SUBMITTING) {
      moveTo(SagaStep.ON_MARKET, "partially filled " + filledQuantity + " of " + quantity);
    } else if (step == SagaStep.CANCELLING_AT_MARKET
        && venueFilledQuantity != null
        && filledQuantity >= venueFilledQuantity) {
      beginEnding();
    }
  }

  private void settle(MarketOrderFilled fill) {
    if (executedNotional == null && filledQuantity == 0) {
      // stored before fees were settled on what traded, but nothing collected yet
      executedNotional = BigDecimal.ZERO;
    }
    BigDecimal notional = Assets.cents(fill.price().multiply(BigDecimal.valueOf(fill.quantity())));
    BigDecimal feeOwed = executedNotional == null ? fee : feeDueOn(executedNotional.add(notional));
    FillSettlement settlement =
        FillSettlement.of(
            side,
            accountId,
            instrument,
            orderId,
            fill.fillId(),
            fill.quantity(),
            fill.price(),
            feeOwed,
            feeCollected,
            reserved.subtract(settledFromReservation));
    if (settlement.clamped()) {
      log.atError()
          .log(
              "fill {} needs more than is left reserved ({}); settling only that — the venue broke the price protection",
              fill.fillId(),
              reserved.subtract(settledFromReservation));
    }
    fillIds.add(fill.fillId());
    filledQuantity += fill.quantity();
    settledFromReservation = settledFromReservation.add(settlement.settle().quantity());
    feeCollected = feeCollected.add(settlement.feeCollected());
    if (executedNotional != null) {
      executedNotional = executedNotional.add(notional);
    }
    send(
        Confirmation.fill(fill.fillId()),
        new RecordFill(orderId, fill.fillId(), fill.quantity(), fill.price()));
    send(Confirmation.debit(fill.fillId()), settlement.settle());
    if (settlement.credit() != null) {
      send(Confirmation.credit(fill.fillId()), settlement.credit());
    }
    log.atInfo().log(
        "fill {}: {} at {}; filled {} of {}",
        fill.fillId(),
        fill.quantity(),
        fill.price(),
        filledQuantity,
        quantity);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderFilled recorded) {
    confirmedThenAdvance(Confirmation.fill(recorded.fillId()));
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingDebited debit) {
    confirmedThenAdvance(Confirmation.debit(debit.fillId()));
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingCredited credit) {
    confirmedThenAdvance(Confirmation.credit(credit.fillId()));
  }

  // ---- 4'. REPLACING: a sub-step of ON_MARKET -------------------------------------------------

  /**
   * The customer asked for new terms: more reservation first (or none needed), then the fee of the
   * new terms held (when more), then the venue; refused at once when the order is not working
   * undisturbed at the venue.
   */
  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderReplaceRequested request) {
    if (replacing != null && replacing.replaceId().equals(request.replaceId())) {
      return;
    }
    if (awaiting.containsKey(Confirmation.replaceAnswered(request.replaceId()))) {
      return;
    }
    if (step != SagaStep.ON_MARKET || ending != null || replacing != null) {
      refuse(
          request.replaceId(), "the order is " + step + ", not working undisturbed at the venue");
      return;
    }
    long remaining = request.quantity() - filledQuantity;
    if (remaining <= 0) {
      refuse(
          request.replaceId(),
          "quantity " + request.quantity() + " is not more than the " + filledQuantity + " filled");
      return;
    }
    ReservationPlan next =
        ReservationPlan.of(
            side,
            instrument,
            remaining,
            OrderTerms.of(type, request.limitPrice(), request.stopPrice()),
            referencePrice,
            FeeSchedule.recordedAs(feeSchedule));
    BigDecimal notionalLeft = next.priceEstimate().multiply(BigDecimal.valueOf(remaining));
    BigDecimal needed = stillNeeded(remaining, notionalLeft);
    BigDecimal growth = needed.subtract(outstanding()).max(BigDecimal.ZERO);
    replacing =
        new Replacing(
            request.replaceId(),
            request.quantity(),
            request.limitPrice(),
            request.stopPrice(),
            next.priceProtection(),
            next.priceEstimate(),
            growth,
            tradedNotional().add(notionalLeft),
            heldOn(),
            Replacing.Phase.RESERVING,
            false,
            false);
    log.atInfo().log(
        "replace {}: {} @ {} stop {}; reserving {} more",
        request.replaceId(),
        request.quantity(),
        request.limitPrice(),
        request.stopPrice(),
        growth);
    if (growth.signum() > 0) {
      send(
          Confirmation.reservationAdjusted(replacing.growthId()),
          adjustReservation(replacing.growthId(), growth));
    } else {
      holdFeeForReplace();
    }
  }

  private void holdFeeForReplace() {
    if (feeOn(replacing.feeNotional()).compareTo(fee) > 0) {
      replacing = replacing.in(Replacing.Phase.HOLDING_FEE);
      send(
          Confirmation.feeHoldAdjusted(replacing.feeId()),
          new AdjustFeeHold(orderId, replacing.feeId(), replacing.feeNotional(), maxFee));
    } else {
      replaceAtVenue();
    }
  }

  private void replaceAtVenue() {
    replacing = replacing.in(Replacing.Phase.AT_VENUE);
    ask(
        new ReplaceAtMarket(
            orderId,
            replacing.replaceId(),
            replacing.quantity(),
            replacing.limitPrice(),
            replacing.stopPrice(),
            replacing.priceProtection()));
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingReservationAdjusted adjusted) {
    if (!confirmed(Confirmation.reservationAdjusted(adjusted.adjustmentId()))) {
      return;
    }
    reserved = reserved.add(adjusted.change());
    if (replacing != null
        && replacing.phase() == Replacing.Phase.RESERVING
        && replacing.growthId().equals(adjusted.adjustmentId())) {
      replacing = replacing.reservationGrown();
      holdFeeForReplace();
      return;
    }
    advance();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingReservationAdjustmentRejected rejection) {
    if (!confirmed(Confirmation.reservationAdjusted(rejection.adjustmentId()))) {
      return;
    }
    if (replacing != null && replacing.growthId().equals(rejection.adjustmentId())) {
      refuseReplace(
          "reserving "
              + rejection.requested()
              + " more "
              + rejection.asset()
              + " was refused: "
              + rejection.available()
              + " available");
      return;
    }
    advance();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeHoldAdjusted adjusted) {
    if (!confirmed(Confirmation.feeHoldAdjusted(adjusted.adjustmentId()))) {
      return;
    }
    fee = adjusted.amount();
    feeNotional = adjusted.estimatedNotional();
    if (replacing != null
        && replacing.phase() == Replacing.Phase.HOLDING_FEE
        && replacing.feeId().equals(adjusted.adjustmentId())) {
      replacing = replacing.feeRaised();
      replaceAtVenue();
      return;
    }
    advance();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeHoldAdjustmentRejected rejection) {
    if (!confirmed(Confirmation.feeHoldAdjusted(rejection.adjustmentId()))) {
      return;
    }
    if (replacing != null && replacing.feeId().equals(rejection.adjustmentId())) {
      refuseReplace(
          "fee " + rejection.fee() + " of the new terms is above maxFee " + rejection.maxFee());
      return;
    }
    advance();
  }

  /**
   * The venue works the order under the new terms: so does the saga, the order records them, and
   * what the new terms no longer need is given back (unless the order is ending, which gives
   * everything back). Fills the venue made before may still be on their way, at the previous terms'
   * prices: what stays reserved covers them.
   */
  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderReplaced replaced) {
    if (replacing == null
        || replacing.phase() != Replacing.Phase.AT_VENUE
        || !replacing.replaceId().equals(replaced.replaceId())) {
      return;
    }
    Replacing done = replacing;
    replacing = null;
    BigDecimal previousPrice = plan.priceEstimate();
    quantity = done.quantity();
    limitPrice = done.limitPrice();
    stopPrice = done.stopPrice();
    plan =
        new ReservationPlan(
            plan.asset(), plan.quantity(), done.reservePrice(), done.priceProtection());
    if (ending == null) {
      long pendingFills = Math.max(0, replaced.venueFilledQuantity() - filledQuantity);
      long left = quantity - Math.max(filledQuantity, replaced.venueFilledQuantity());
      BigDecimal notionalLeft =
          previousPrice
              .multiply(BigDecimal.valueOf(pendingFills))
              .add(done.reservePrice().multiply(BigDecimal.valueOf(left)));
      BigDecimal excess = outstanding().subtract(stillNeeded(pendingFills + left, notionalLeft));
      if (excess.signum() > 0) {
        send(
            Confirmation.reservationAdjusted(done.releaseId()),
            adjustReservation(done.releaseId(), excess.negate()));
      }
      if (feeOn(done.feeNotional()).compareTo(fee) < 0) {
        send(
            Confirmation.feeHoldAdjusted(done.feeId()),
            new AdjustFeeHold(orderId, done.feeId(), done.feeNotional(), null));
      }
    }
    send(
        Confirmation.replaceAnswered(done.replaceId()),
        new ConfirmReplace(orderId, done.replaceId()));
    log.atInfo().log(
        "replace {} done: now {} @ {} stop {}", done.replaceId(), quantity, limitPrice, stopPrice);
    if (step == SagaStep.CANCELLING_AT_MARKET
        && venueFilledQuantity != null
        && filledQuantity >= venueFilledQuantity) {
      beginEnding();
    } else {
      carryOnAfterTheVenuesAnswer();
    }
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderReplaceRejected rejection) {
    if (replacing == null
        || replacing.phase() != Replacing.Phase.AT_VENUE
        || !replacing.replaceId().equals(rejection.replaceId())) {
      return;
    }
    refuseReplace(rejection.reason());
    carryOnAfterTheVenuesAnswer();
  }

  /**
   * Once the venue has answered a replace: an order that has filled its quantity (the one it works
   * under now) completes, and an ending that waited for the answer goes on.
   */
  private void carryOnAfterTheVenuesAnswer() {
    if (step == SagaStep.ON_MARKET && ending == null && filledQuantity == quantity) {
      decide(Ending.completed());
      beginEnding();
    } else if (step == SagaStep.SETTLING) {
      beginEnding();
    }
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderReplaced replaced) {
    confirmedThenAdvance(Confirmation.replaceAnswered(replaced.replaceId()));
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderReplaceRejected rejected) {
    confirmedThenAdvance(Confirmation.replaceAnswered(rejected.replaceId()));
  }

  /**
   * Refuses the replace in flight: gives back what it took (unless the order is ending, which gives
   * everything back) and tells the order why; the order works under its previous terms.
   */
  private void refuseReplace(String why) {
    Replacing refused = replacing;
    replacing = null;
    if (ending == null && refused.grown()) {
      send(
          Confirmation.reservationAdjusted(refused.growthUndoId()),
          adjustReservation(refused.growthUndoId(), refused.reservationGrowth().negate()));
    }
    if (ending == null && refused.raised()) {
      send(
          Confirmation.feeHoldAdjusted(refused.feeUndoId()),
          new AdjustFeeHold(orderId, refused.feeUndoId(), refused.previousFeeNotional(), null));
    }
    refuse(refused.replaceId(), why);
  }

  private void refuse(String replaceId, String why) {
    send(Confirmation.replaceAnswered(replaceId), new RejectReplace(orderId, replaceId, why));
    log.atInfo().log("replace {} refused: {}", replaceId, why);
  }

  private AdjustReservation adjustReservation(String adjustmentId, BigDecimal change) {
    return new AdjustReservation(
        Assets.holdingId(accountId, plan.asset()),
        accountId,
        plan.asset(),
        orderId,
        adjustmentId,
        change);
  }

  /** What is still reserved for the order's fills to come. */
  private BigDecimal outstanding() {
    return reserved.subtract(settledFromReservation);
  }

  /**
   * What the order needs reserved for {@code shares} more to fill on {@code notionalLeft} at most:
   * a SELL the shares; a BUY their cost in cents and the part of the fee on all it will have traded
   * that its fills have not paid yet.
   */
  private BigDecimal stillNeeded(long shares, BigDecimal notionalLeft) {
    if (side == Side.SELL) {
      return BigDecimal.valueOf(shares);
    }
    BigDecimal feeLeft =
        feeOn(tradedNotional().add(notionalLeft)).subtract(feeCollected).max(BigDecimal.ZERO);
    return Assets.cents(notionalLeft).add(feeLeft);
  }

  private BigDecimal tradedNotional() {
    return executedNotional == null ? BigDecimal.ZERO : executedNotional;
  }

  /** The notional the fee is held on now. */
  private BigDecimal heldOn() {
    return feeNotional != null
        ? feeNotional
        : plan.priceEstimate().multiply(BigDecimal.valueOf(quantity));
  }

  // ---- interruptions: cancellation, expiry, the venue's end of the order -----------------------

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderCancellationRequested request) {
    switch (step) {
      case PRICING -> {
        decide(Ending.cancelled("cancelled before reservation"));
        beginEnding();
      }
      // The pending answer decides what there is to undo; its handler sees the decided end.
      case RESERVING, CHARGING_FEE -> decide(Ending.cancelled("cancelled before submission"));
      case SUBMITTING, ON_MARKET -> {
        decide(Ending.cancelled("cancelled by the customer"));
        if (replacing != null && replacing.phase() != Replacing.Phase.AT_VENUE) {
          refuseReplace("the order is being cancelled");
        }
        cancelAtMarket("customer asked to cancel");
      }
      case CANCELLING_AT_MARKET, SETTLING, RELEASING, FINISHING -> {
        // already on its way to an end
      }
    }
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderExpired expiry) {
    if (!isAtMarket()) {
      return;
    }
    decide(Ending.expired("expired at the venue"));
    marketPhaseOver(null);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderCancelled cancellation) {
    if (!isAtMarket()) {
      return;
    }
    decide(
        Ending.cancelled(
            timeInForce().endsOnArrival()
                ? timeInForce() + ": what did not fill on arrival was cancelled at the venue"
                : "cancelled at the venue"));
    marketPhaseOver(cancellation.venueFilledQuantity());
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderEnded ended) {
    if (!isAtMarket()) {
      return;
    }
    switch (ended.status()) {
      case FILLED -> decide(Ending.completed());
      case EXPIRED -> decide(Ending.expired("expired at the venue"));
      case ACCEPTED, PARTIALLY_FILLED, CANCELLED, REJECTED, UNKNOWN ->
          decide(
              Ending.rejected(
                  OrderRejectReason.MARKET_REJECTED, "the venue ended it " + ended.status()));
    }
    marketPhaseOver(ended.venueFilledQuantity());
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(MarketOrderUnknown unknown) {
    if (step != SagaStep.CANCELLING_AT_MARKET && step != SagaStep.SUBMITTING) {
      return;
    }
    decide(Ending.rejected(OrderRejectReason.MARKET_REJECTED, "the venue does not know the order"));
    marketPhaseOver(0L);
  }

  private void cancelAtMarket(String why) {
    ask(new CancelAtMarket(orderId));
    moveTo(SagaStep.CANCELLING_AT_MARKET, why);
  }

  /**
   * The venue is done with the order. When it says more filled than the saga has seen, the rest of
   * the fills are still in the feed: the last of them ends the market phase (see the fill handler).
   */
  private void marketPhaseOver(Long venueFilled) {
    if (venueFilled != null && filledQuantity < venueFilled) {
      venueFilledQuantity = venueFilled;
      if (step != SagaStep.CANCELLING_AT_MARKET) {
        moveTo(
            SagaStep.CANCELLING_AT_MARKET,
            "the venue ended it after " + venueFilled + " filled; fills are due");
      }
      return;
    }
    beginEnding();
  }

  // ---- 5. the end: settle, release, finish ----------------------------------------------------

  private void beginEnding() {
    if (replacing != null && replacing.phase() == Replacing.Phase.AT_VENUE) {
      // The venue may have replaced the order before it ended it: its answer decides the terms
      // the order ends under (and so how); the ending waits for it.
      moveTo(
          SagaStep.SETTLING,
          "ending " + ending + " once the venue answers replace " + replacing.replaceId());
      return;
    }
    ending = ending.given(filledQuantity, quantity);
    if (replacing != null) {
      refuseReplace("the order ended first (" + ending + ")");
    }
    if (side == Side.SELL
        && executedNotional != null
        && filledQuantity > 0
        && feeCollected.compareTo(feeDueOn(executedNotional)) < 0) {
      // A sale pays its fee out of its proceeds; fills too small to cover it leave the rest unpaid.
      log.atWarn()
          .log(
              "the fills' proceeds covered only {} of the fee {} due",
              feeCollected,
              feeDueOn(executedNotional));
    }
    moveTo(SagaStep.SETTLING, "ending " + ending);
    advance();
  }

  private void release() {
    if (reserved != null) {
      send(
          Confirmation.RELEASE,
          new ReleaseReservation(Assets.holdingId(accountId, plan.asset()), orderId));
    }
    if (fee != null && filledQuantity == 0) {
      send(Confirmation.REFUND_FEE, new RefundFee(orderId));
    } else if (fee != null && executedNotional != null) {
      send(Confirmation.SETTLE_FEE, new SettleFee(orderId, feeCollected, executedNotional));
    }
    moveTo(
        SagaStep.RELEASING,
        reserved == null ? "nothing reserved" : "releasing what is left reserved");
  }

  private void finish() {
    send(Confirmation.FINISH, ending.command(orderId));
    moveTo(SagaStep.FINISHING, "sending " + ending);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(HoldingReservationReleased released) {
    confirmedThenAdvance(Confirmation.RELEASE);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeRefunded refunded) {
    confirmedThenAdvance(Confirmation.REFUND_FEE);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(FeeSettled settled) {
    confirmedThenAdvance(Confirmation.SETTLE_FEE);
  }

  /**
   * The fee due on a notional traded: the schedule's fee for it, never more than the hold. (A saga
   * stored before the schedule was kept held its fee under the first schedule, the only one then.)
   */
  private BigDecimal feeDueOn(BigDecimal notional) {
    return feeOn(notional).min(fee);
  }

  /** The order's schedule's fee for a notional, whatever is held. */
  private BigDecimal feeOn(BigDecimal notional) {
    return FeeSchedule.recordedAs(feeSchedule).feeFor(notional);
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderCompleted completed) {
    ended();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderRejected rejected) {
    ended();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderCancelled cancelled) {
    ended();
  }

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(OrderExpired expired) {
    ended();
  }

  private void ended() {
    if (step != SagaStep.FINISHING || !confirmed(Confirmation.FINISH)) {
      return;
    }
    cancelLegacyDeadline();
    journal.finished(orderId, ending);
    log.atInfo()
        .addKeyValue("step", step)
        .log("order saga ended: {} after {} of {} filled", ending, filledQuantity, quantity);
    SagaLifecycle.end();
  }

  /** Moves on from an ending step once nothing it waits for is outstanding. */
  private void advance() {
    if (!awaiting.isEmpty() || replacing != null) {
      return;
    }
    switch (step) {
      case SETTLING -> {
        release();
        advance();
      }
      case RELEASING -> finish();
      default -> {}
    }
  }

  // ---- deadlines ------------------------------------------------------------------------------

  @SagaEventHandler(associationProperty = ORDER_ID)
  void on(StepDeadlinePassed passed) {
    if (passed.step() != step || passed.retry() != retry) {
      return;
    }
    deadline = null;
    switch (step) {
      case PRICING -> {
        decide(
            Ending.rejected(
                OrderRejectReason.MARKET_TIMEOUT,
                "no reference price within " + timeouts.pricing()));
        beginEnding();
      }
      case SUBMITTING -> {
        decide(
            Ending.rejected(
                OrderRejectReason.MARKET_TIMEOUT,
                "no answer from the venue within " + timeouts.submitting()));
        cancelAtMarket("the venue did not answer in time");
      }
      case ON_MARKET -> {
        decide(
            Ending.expired(
                "the venue did not end the "
                    + timeInForce()
                    + " order within "
                    + timeouts.onMarket(timeInForce())));
        cancelAtMarket("time in force passed");
      }
      case CANCELLING_AT_MARKET -> {
        ask(new CancelAtMarket(orderId));
        retryStep("the venue's cancel answer");
      }
      case RESERVING, CHARGING_FEE, SETTLING, RELEASING, FINISHING -> {
        awaiting.values().forEach(pending -> commandGateway.sendAndWait(pending.command()));
        retryStep(
            awaiting.keySet().stream()
                .map(Confirmation::toString)
                .collect(Collectors.joining(", ")));
      }
    }
  }

  private void retryStep(String waitingFor) {
    retry++;
    journal.retrying(orderId, step, retry, waitingFor, timeouts.retryInterval(step, retry));
    log.atWarn()
        .addKeyValue("step", step)
        .log("step {} still waiting for {} (retry {}); asked again", step, waitingFor, retry);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private void moveTo(SagaStep next, String why) {
    SagaStep previous = step;
    step = next;
    retry = 0;
    cancelLegacyDeadline();
    journal.moved(
        orderId,
        next,
        ending,
        next == SagaStep.ON_MARKET ? timeouts.onMarket(timeInForce()) : timeouts.of(next));
    log.atInfo().addKeyValue("step", next).log("order saga {} -> {}: {}", previous, next, why);
  }

  /**
   * Cancels the db-scheduler deadline of a saga stored before deadlines moved into the journal (its
   * token is in its state); sagas since then have none. A deadline already on its way (stored, or
   * being stored) cannot be cancelled; it arrives for a step this saga has left and is ignored.
   */
  private void cancelLegacyDeadline() {
    if (deadline != null) {
      deadlines.cancelSchedule(deadline);
      deadline = null;
    }
  }

  /** Decides the end unless it is decided already: the first reason wins. */
  private void decide(Ending decision) {
    if (ending == null || decision.outcome() == Ending.Outcome.COMPLETED) {
      ending = decision;
    }
  }

  /** The order's time in force; a saga stored before it was recorded works as a DAY order. */
  private TimeInForce timeInForce() {
    return timeInForce == null ? TimeInForce.DAY : timeInForce;
  }

  private boolean isAtMarket() {
    return step == SagaStep.SUBMITTING
        || step == SagaStep.ON_MARKET
        || step == SagaStep.CANCELLING_AT_MARKET;
  }

  private void recordSubmission(String venueId) {
    venueOrderId = venueId;
    sendOnce(new RecordOrderSubmission(orderId, venueId));
  }

  /** Sends a command whose effect the saga waits for (and re-sends on the step's deadline). */
  private void send(Confirmation confirmation, TradingCommand command) {
    awaiting.put(confirmation, PendingCommand.of(command));
    commandGateway.sendAndWait(command);
  }

  /**
   * Sends a command the saga does not wait for: the order records progress it may no longer need.
   */
  private void sendOnce(TradingCommand command) {
    commandGateway.sendAndWait(command);
  }

  private void ask(Object marketCommand) {
    commandGateway.sendAndWait(marketCommand);
  }

  /**
   * Whether {@code confirmation} was awaited (and now is not): false for a duplicate or stray
   * event.
   */
  private boolean confirmed(Confirmation confirmation) {
    return awaiting.remove(confirmation) != null;
  }

  private void confirmedThenAdvance(Confirmation confirmation) {
    if (confirmed(confirmation)) {
      advance();
    }
  }
}
