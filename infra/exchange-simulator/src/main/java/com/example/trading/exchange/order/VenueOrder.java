package com.example.trading.exchange.order;

import com.example.trading.exchange.execution.Execution;
import com.example.trading.exchange.execution.RejectReason;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One order's state in the book: its terms and what its executions did to it. Changes only through
 * {@link #apply}; not thread-safe (the book's lock guards it).
 */
final class VenueOrder {

  private final PlacedOrder placed;

  /** What the order works under: the placement's terms, then each replace's. */
  private OrderTerms terms;

  private final Set<String> replaceIds = new HashSet<>();
  private OrderStatus status = OrderStatus.ACCEPTED;
  private long filledQuantity;
  private int fills;
  private boolean triggered;
  private @Nullable RejectReason reason;

  VenueOrder(PlacedOrder placed) {
    this.placed = placed;
    this.terms = placed.terms();
  }

  /** Works under the replace's terms from now on. */
  void replace(Replacement replacement) {
    if (!status.isLive() || replacement.quantity() <= filledQuantity) {
      throw new IllegalStateException("order " + id() + " cannot take " + replacement);
    }
    terms = terms.replacedBy(replacement);
    replaceIds.add(replacement.replaceId());
  }

  /** Whether the replace with this id was applied already. */
  boolean replaced(String replaceId) {
    return replaceIds.contains(replaceId);
  }

  /** The terms as placed (a repeated placement is compared with these). */
  OrderTerms placedTerms() {
    return placed.terms();
  }

  /**
   * Applies one of this order's executions.
   *
   * @throws IllegalStateException when the execution cannot happen to the order as it stands (a
   *     journal that does not describe a possible history)
   */
  void apply(Execution execution) {
    if (!status.isLive()) {
      throw new IllegalStateException(
          "order " + id() + " is " + status + ": cannot apply " + execution);
    }
    switch (execution.type()) {
      case FILL -> {
        if (execution.quantity() <= 0 || execution.quantity() > remaining()) {
          throw new IllegalStateException(
              "fill of "
                  + execution.quantity()
                  + " exceeds the "
                  + remaining()
                  + " left of order "
                  + id());
        }
        filledQuantity += execution.quantity();
        fills++;
        status =
            filledQuantity == terms().quantity()
                ? OrderStatus.FILLED
                : OrderStatus.PARTIALLY_FILLED;
      }
      case TRIGGERED -> {
        if (!terms().type().hasStopPrice() || triggered) {
          throw new IllegalStateException("order " + id() + " cannot be triggered (again)");
        }
        triggered = true;
      }
      case CANCELLED -> status = OrderStatus.CANCELLED;
      case EXPIRED -> status = OrderStatus.EXPIRED;
      case REJECTED -> {
        status = OrderStatus.REJECTED;
        reason = execution.reason();
      }
    }
  }

  String id() {
    return placed.terms().clientOrderId();
  }

  OrderTerms terms() {
    return terms;
  }

  @Nullable Instant expiresAt() {
    return placed.expiresAt();
  }

  OrderStatus status() {
    return status;
  }

  long remaining() {
    return terms().quantity() - filledQuantity;
  }

  int fills() {
    return fills;
  }

  /** Whether a stop order's stop has been reached (false for other orders). */
  boolean triggered() {
    return triggered;
  }

  PlacementAnswer placementAnswer() {
    // Only a placement rejects an order, so REJECTED is always the placement's own answer.
    return status == OrderStatus.REJECTED
        ? new PlacementAnswer(id(), PlacementStatus.REJECTED, reason)
        : new PlacementAnswer(id(), PlacementStatus.ACCEPTED, null);
  }

  CancelAnswer cancelAnswer() {
    return new CancelAnswer(id(), status, filledQuantity);
  }

  OrderView view() {
    OrderTerms terms = terms();
    return new OrderView(
        id(),
        terms.instrument(),
        terms.side(),
        terms.type(),
        terms.quantity(),
        filledQuantity,
        status,
        reason,
        terms.limitPrice(),
        terms.priceProtection(),
        placed.expiresAt(),
        terms.timeInForce(),
        terms.stopPrice(),
        terms.type().hasStopPrice() ? triggered : null);
  }
}
