package com.example.trading.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderCommand.AcceptOrder;
import com.example.trading.schemas.OrderCommand.CancelOrder;
import com.example.trading.schemas.OrderCommand.CompleteOrder;
import com.example.trading.schemas.OrderCommand.ConfirmCancellation;
import com.example.trading.schemas.OrderCommand.ConfirmReplace;
import com.example.trading.schemas.OrderCommand.ExpireOrder;
import com.example.trading.schemas.OrderCommand.PlaceOrder;
import com.example.trading.schemas.OrderCommand.RecordFill;
import com.example.trading.schemas.OrderCommand.RecordOrderSubmission;
import com.example.trading.schemas.OrderCommand.RecordOrderTrigger;
import com.example.trading.schemas.OrderCommand.RejectOrder;
import com.example.trading.schemas.OrderCommand.RejectReplace;
import com.example.trading.schemas.OrderCommand.ReplaceOrder;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
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
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderEvent.OrderTriggered;
import com.example.trading.schemas.OrderTerms;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.order.OrderStatus;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One customer order and its status. Placed once per {@code (accountId, clientOrderId)} (the id is
 * derived from them, so a retried placement lands here and changes nothing); advanced by the saga;
 * cancelled by the customer while live. Keeps {@code filledQuantity ≤ quantity} and {@code FILLED ⇔
 * filledQuantity == quantity}. Saga commands are idempotent: one already applied, or a fill id
 * already recorded, changes nothing. A replace changes the terms once the saga confirms it; while
 * it is in flight the order may fill up to the larger of the two quantities (the venue may have
 * taken either).
 */
@Aggregate(cache = "aggregateCache", commandTargetResolver = "tradingCommandTargetResolver")
public class Order {

  @AggregateIdentifier private String orderId;
  private PlaceOrder placement;

  /** The terms the order works under: the placement's, then those of each replace confirmed. */
  private long quantity;

  private BigDecimal limitPrice;
  private BigDecimal stopPrice;

  /** The replace in flight, or null. */
  private OrderReplaceRequested pendingReplace;

  /** How many replaces were requested (each names the next replace id). */
  private int replaces;

  private OrderStatus status;
  private long filledQuantity;

  /** Whether the venue has triggered this stop order. */
  private boolean triggered;

  private final Set<String> fillIds = new HashSet<>();

  protected Order() {
    // for Axon
  }

  /** Places the order, or recognises a repeat of the same placement. */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  Placement handle(PlaceOrder command) {
    if (placement != null) {
      if (!sameTerms(placement, command)) {
        throw new OrderRuleViolation.ClientOrderIdReused(command.clientOrderId(), orderId);
      }
      return new Placement(false, status);
    }
    requireValid(command);
    apply(
        new OrderPlaced(
            command.orderId(),
            command.accountId(),
            command.clientOrderId(),
            command.side(),
            command.instrument(),
            command.quantity(),
            command.type(),
            command.limitPrice(),
            command.maxFee(),
            command.timeInForce(),
            command.stopPrice()));
    return new Placement(true, OrderStatus.PENDING);
  }

  /** Whether two placements have the same terms, decimals compared by value ("25.0" is "25.00"). */
  private static boolean sameTerms(PlaceOrder a, PlaceOrder b) {
    return byValue(a).equals(byValue(b));
  }

  private static PlaceOrder byValue(PlaceOrder c) {
    return new PlaceOrder(
        c.orderId(),
        c.accountId(),
        c.clientOrderId(),
        c.side(),
        c.instrument(),
        c.quantity(),
        c.type(),
        c.limitPrice() == null ? null : c.limitPrice().stripTrailingZeros(),
        c.maxFee() == null ? null : c.maxFee().stripTrailingZeros(),
        c.timeInForce(),
        c.stopPrice() == null ? null : c.stopPrice().stripTrailingZeros());
  }

  private static void requireValid(PlaceOrder command) {
    if (command.quantity() <= 0) {
      throw new OrderRuleViolation("quantity must be positive");
    }
    try {
      OrderTerms.of(command.type(), command.limitPrice(), command.stopPrice());
    } catch (IllegalArgumentException wrongPrices) {
      throw new OrderRuleViolation(wrongPrices.getMessage());
    }
    if (command.type().hasStopPrice() && command.timeInForce().endsOnArrival()) {
      throw new OrderRuleViolation(
          "a " + command.type() + " order waits for its stop price: it cannot be IOC or FOK");
    }
    if (command.maxFee() != null && command.maxFee().signum() < 0) {
      throw new OrderRuleViolation("maxFee must not be negative");
    }
    Objects.requireNonNull(command.side(), "side");
    Objects.requireNonNull(command.timeInForce(), "timeInForce");
  }

  @CommandHandler
  void handle(AcceptOrder command) {
    if (status == OrderStatus.PENDING) {
      apply(
          new OrderAccepted(
              orderId, command.reservedAsset(), command.reservedQuantity(), command.fee()));
    }
  }

  /**
   * Records the venue's order id once the order is accepted; afterwards (a repeat, a cancel
   * requested, an end) it changes nothing. A copy still {@code PENDING} refuses: the saga accepts
   * the order before it submits it, so that copy missed the acceptance (cached by this instance
   * while another one accepted), and the refusal has it decided again on the stored state instead
   * of dropping the venue's order id.
   */
  @CommandHandler
  void handle(RecordOrderSubmission command) {
    if (status == OrderStatus.PENDING) {
      throw new OrderRuleViolation(
          "order " + orderId + " is not accepted yet: its submission cannot be recorded");
    }
    if (status == OrderStatus.ACCEPTED) {
      apply(new OrderSubmitted(orderId, command.venueOrderId()));
    }
  }

  /**
   * Records the venue's trigger of a stop order, once; after the order's end it changes nothing (a
   * late report), and an order without a stop has none.
   */
  @CommandHandler
  void handle(RecordOrderTrigger command) {
    if (!placement.type().hasStopPrice()) {
      throw new OrderRuleViolation(
          "order " + orderId + " is a " + placement.type() + " order: it has no stop to trigger");
    }
    if (!triggered && !status.isTerminal()) {
      apply(new OrderTriggered(orderId, command.price()));
    }
  }

  @CommandHandler
  void handle(RecordFill command) {
    if (fillIds.contains(command.fillId())) {
      return;
    }
    if (status.isTerminal() || status == OrderStatus.PENDING) {
      throw new OrderRuleViolation("order " + orderId + " is " + status + " and takes no fills");
    }
    long mayFill =
        pendingReplace == null ? quantity : Math.max(quantity, pendingReplace.quantity());
    if (command.quantity() <= 0 || filledQuantity + command.quantity() > mayFill) {
      throw new OrderRuleViolation(
          "fill of "
              + command.quantity()
              + " would take order "
              + orderId
              + " past its quantity "
              + mayFill
              + " (filled "
              + filledQuantity
              + ")");
    }
    apply(
        new OrderFilled(
            orderId,
            command.fillId(),
            command.quantity(),
            command.price(),
            filledQuantity + command.quantity()));
  }

  @CommandHandler
  void handle(CompleteOrder command) {
    if (status == OrderStatus.FILLED) {
      return;
    }
    if (filledQuantity != quantity) {
      throw new OrderRuleViolation(
          "order "
              + orderId
              + " is filled "
              + filledQuantity
              + " of "
              + quantity
              + " and cannot complete");
    }
    apply(new OrderCompleted(orderId, filledQuantity));
  }

  @CommandHandler
  void handle(RejectOrder command) {
    if (!status.isTerminal()) {
      apply(new OrderRejected(orderId, command.reason(), command.detail()));
    }
  }

  /**
   * The customer's cancel, or an operator's on the customer's behalf: recorded with who asked (the
   * command's principal) and why while the order is live, refused once it is finished.
   */
  @CommandHandler
  OrderStatus handle(
      CancelOrder command, @MetaDataValue(MessageMetadata.PRINCIPAL) String requestedBy) {
    if (status.isTerminal()) {
      throw new OrderRuleViolation.OrderAlreadyFinished(orderId, status);
    }
    if (status != OrderStatus.CANCEL_REQUESTED) {
      apply(new OrderCancellationRequested(orderId, requestedBy, command.reason()));
    }
    return OrderStatus.CANCEL_REQUESTED;
  }

  /**
   * The customer's replace: recorded as the whole new terms while the order works at the venue
   * (SUBMITTED or PARTIALLY_FILLED), refused with a conflict otherwise, and refused as a bad
   * request when the terms are not valid for the order's type or change nothing.
   */
  @CommandHandler
  OrderStatus handle(ReplaceOrder command) {
    if (status.isTerminal()) {
      throw new OrderRuleViolation.OrderAlreadyFinished(orderId, status);
    }
    switch (status) {
      case PENDING, ACCEPTED ->
          throw new OrderRuleViolation.OrderNotReplaceable(
              orderId, status, "it is not working at the venue yet");
      case CANCEL_REQUESTED ->
          throw new OrderRuleViolation.OrderNotReplaceable(
              orderId, status, "a cancel is in flight");
      case REPLACE_REQUESTED ->
          throw new OrderRuleViolation.OrderNotReplaceable(
              orderId, status, "replace " + pendingReplace.replaceId() + " is in flight");
      case SUBMITTED, PARTIALLY_FILLED, FILLED, REJECTED, CANCELLED, EXPIRED -> {}
    }
    if (placement.type() == OrderType.MARKET) {
      throw new OrderRuleViolation.OrderNotReplaceable(
          orderId, status, "a MARKET order does not rest");
    }
    long newQuantity = command.quantity() == null ? quantity : command.quantity();
    BigDecimal newLimit = command.limitPrice() == null ? limitPrice : command.limitPrice();
    BigDecimal newStop = command.stopPrice() == null ? stopPrice : command.stopPrice();
    if (newQuantity <= filledQuantity) {
      throw new OrderRuleViolation(
          "quantity must be more than the " + filledQuantity + " already filled");
    }
    try {
      OrderTerms.of(placement.type(), newLimit, newStop);
    } catch (IllegalArgumentException wrongPrices) {
      throw new OrderRuleViolation(wrongPrices.getMessage());
    }
    if (command.stopPrice() != null && triggered && !sameValue(newStop, stopPrice)) {
      throw new OrderRuleViolation("the stop has triggered: stopPrice can no longer change");
    }
    if (newQuantity == quantity
        && sameValue(newLimit, limitPrice)
        && sameValue(newStop, stopPrice)) {
      throw new OrderRuleViolation("the replace changes nothing");
    }
    apply(
        new OrderReplaceRequested(
            orderId, orderId + ":r" + (replaces + 1), newQuantity, newLimit, newStop));
    return OrderStatus.REPLACE_REQUESTED;
  }

  private static boolean sameValue(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /** The saga replaced the order everywhere: it works under the new terms; a repeat is a no-op. */
  @CommandHandler
  void handle(ConfirmReplace command) {
    if (pendingReplace != null && pendingReplace.replaceId().equals(command.replaceId())) {
      apply(
          new OrderReplaced(
              orderId,
              pendingReplace.replaceId(),
              pendingReplace.quantity(),
              pendingReplace.limitPrice(),
              pendingReplace.stopPrice()));
    }
  }

  /** The saga refused the replace: the order keeps its terms; a repeat is a no-op. */
  @CommandHandler
  void handle(RejectReplace command) {
    if (pendingReplace != null && pendingReplace.replaceId().equals(command.replaceId())) {
      apply(new OrderReplaceRejected(orderId, command.replaceId(), command.reason()));
    }
  }

  @CommandHandler
  void handle(ConfirmCancellation command) {
    if (!status.isTerminal()) {
      apply(new OrderCancelled(orderId, filledQuantity));
    }
  }

  @CommandHandler
  void handle(ExpireOrder command) {
    if (!status.isTerminal()) {
      apply(new OrderExpired(orderId, filledQuantity));
    }
  }

  @EventSourcingHandler
  void on(OrderPlaced event) {
    orderId = event.orderId();
    placement =
        new PlaceOrder(
            event.orderId(),
            event.accountId(),
            event.clientOrderId(),
            event.side(),
            event.instrument(),
            event.quantity(),
            event.type(),
            event.limitPrice(),
            event.maxFee(),
            event.timeInForce(),
            event.stopPrice());
    quantity = event.quantity();
    limitPrice = event.limitPrice();
    stopPrice = event.stopPrice();
    status = OrderStatus.PENDING;
  }

  @EventSourcingHandler
  void on(OrderAccepted event) {
    status = OrderStatus.ACCEPTED;
  }

  @EventSourcingHandler
  void on(OrderTriggered event) {
    triggered = true;
  }

  @EventSourcingHandler
  void on(OrderSubmitted event) {
    if (status != OrderStatus.CANCEL_REQUESTED) {
      status = OrderStatus.SUBMITTED;
    }
  }

  @EventSourcingHandler
  void on(OrderFilled event) {
    fillIds.add(event.fillId());
    filledQuantity = event.filledQuantity();
    if (status != OrderStatus.CANCEL_REQUESTED && status != OrderStatus.REPLACE_REQUESTED) {
      status = OrderStatus.PARTIALLY_FILLED;
    }
  }

  @EventSourcingHandler
  void on(OrderReplaceRequested event) {
    replaces++;
    pendingReplace = event;
    status = OrderStatus.REPLACE_REQUESTED;
  }

  @EventSourcingHandler
  void on(OrderReplaced event) {
    quantity = event.quantity();
    limitPrice = event.limitPrice();
    stopPrice = event.stopPrice();
    replaceSettled();
  }

  @EventSourcingHandler
  void on(OrderReplaceRejected event) {
    replaceSettled();
  }

  /** The replace in flight is done: the order works again (unless a cancel came meanwhile). */
  private void replaceSettled() {
    pendingReplace = null;
    if (status == OrderStatus.REPLACE_REQUESTED) {
      status = filledQuantity == 0 ? OrderStatus.SUBMITTED : OrderStatus.PARTIALLY_FILLED;
    }
  }

  @EventSourcingHandler
  void on(OrderCompleted event) {
    status = OrderStatus.FILLED;
  }

  @EventSourcingHandler
  void on(OrderRejected event) {
    status = OrderStatus.REJECTED;
  }

  @EventSourcingHandler
  void on(OrderCancellationRequested event) {
    status = OrderStatus.CANCEL_REQUESTED;
  }

  @EventSourcingHandler
  void on(OrderCancelled event) {
    status = OrderStatus.CANCELLED;
  }

  @EventSourcingHandler
  void on(OrderExpired event) {
    status = OrderStatus.EXPIRED;
  }

  /** Whether a placement created the order or found it already placed, and its status now. */
  public record Placement(boolean created, OrderStatus status) {}
}
