package com.example.trading.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * How one order ended, as the event store tells it.
 *
 * @param end the terminal event's type ({@code OrderCompleted}, {@code OrderRejected}, …), null
 *     while live
 * @param reason the rejection reason, when rejected
 * @param detail what the rejection says about why, when rejected
 * @param placedAt when {@code OrderPlaced} was stored
 * @param finishedAt when the terminal event was stored, null while live
 * @param fills how many fills (parts) it had
 */
public record OrderOutcome(
    String orderId,
    String accountId,
    String clientOrderId,
    String end,
    String reason,
    String detail,
    long quantity,
    long filledQuantity,
    Instant placedAt,
    Instant finishedAt,
    int fills) {

  public boolean finished() {
    return end != null;
  }

  /** Placement to end, both as stored; null while live. */
  public Duration storedDuration() {
    return finished() ? Duration.between(placedAt, finishedAt) : null;
  }

  /** The status the API shows for the end: FILLED, REJECTED, CANCELLED, EXPIRED, or LIVE. */
  public String status() {
    if (end == null) {
      return "LIVE";
    }
    return switch (end) {
      case "OrderCompleted" -> "FILLED";
      case "OrderRejected" -> "REJECTED";
      case "OrderCancelled" -> "CANCELLED";
      case "OrderExpired" -> "EXPIRED";
      default -> end;
    };
  }

  /** The end as a report shows it: the status, and a rejection's reason after it. */
  public String endLabel() {
    return "OrderRejected".equals(end) ? status() + " " + reason : status();
  }
}
