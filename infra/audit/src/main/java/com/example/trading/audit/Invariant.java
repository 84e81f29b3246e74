package com.example.trading.audit;

/** The invariants of DOMAIN.md this audit checks, each against the event store alone. */
public enum Invariant {
  HOLDINGS_NEVER_NEGATIVE(
      "no holding ever goes negative and reserved stays within 0..quantity, after every event"),
  ASSETS_CONSERVED(
      "every holding equals its deposits plus what its account's fills and fees moved, by the order streams"),
  NO_RESERVATION_AFTER_FINISH(
      "a finished order holds no reservation: reserved = settled + released"),
  FEE_ON_WHAT_TRADED(
      "a charged fee ends refunded whole (nothing filled) or settled on what traded (something filled: the schedule's fee on the fills' notional, at most the hold, the rest refunded); charged = settled + refunded, exactly"),
  NOTHING_APPLIED_TWICE(
      "each fill recorded, settled and credited once; one reservation, release, fee outcome and end per order, one answer per replace"),
  ORDERS_CONSISTENT(
      "filled <= quantity, FILLED iff filled = quantity, the end's filled = sum of fills, nothing after the end, every replace answered before it"),
  EVERY_ORDER_FINISHED(
      "every order has reached an end (COMPLETED, REJECTED, CANCELLED or EXPIRED)");

  private final String meaning;

  Invariant(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
