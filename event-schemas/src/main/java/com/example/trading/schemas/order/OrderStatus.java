package com.example.trading.schemas.order;

/**
 * The life of an order: {@code PENDING → ACCEPTED → SUBMITTED → PARTIALLY_FILLED → FILLED}, or one
 * of the other terminal states. {@code CANCEL_REQUESTED} while a cancel is in flight, {@code
 * REPLACE_REQUESTED} while a replace is (the order works under its previous terms until then).
 */
public enum OrderStatus {
  PENDING,
  ACCEPTED,
  SUBMITTED,
  PARTIALLY_FILLED,
  CANCEL_REQUESTED,
  REPLACE_REQUESTED,
  FILLED,
  REJECTED,
  CANCELLED,
  EXPIRED;

  /** A terminal order changes no more. */
  public boolean isTerminal() {
    return this == FILLED || this == REJECTED || this == CANCELLED || this == EXPIRED;
  }
}
