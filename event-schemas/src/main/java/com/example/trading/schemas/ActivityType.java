package com.example.trading.schemas;

/**
 * The kinds of entry in an account's activity ledger (the {@code account-activities} view and
 * {@code GET /api/accounts/{accountId}/activities}). Holding entries change the holding's quantity
 * by their amount ({@code RESERVED} and {@code RELEASED} only what is reserved, so their amount is
 * zero); fee entries record the order's fee obligation, whose cash moves in the {@code FILL} entry
 * it was deducted from.
 */
public enum ActivityType {
  /** Assets entered the account (funding, a transfer in). */
  DEPOSIT,
  /** Part of the holding was reserved for an order (or more of it, when the order was replaced). */
  RESERVED,
  /**
   * What an order still had reserved is available again (or part of it, when the order was
   * replaced).
   */
  RELEASED,
  /** A fill moved the holding: out of the reservation (a debit) or in (proceeds, shares bought). */
  FILL,
  /** The order's fee was held on its estimate. */
  FEE_CHARGED,
  /** A replace of the order changed its fee hold to the fee of its new terms. */
  FEE_HOLD_ADJUSTED,
  /** The fee was collected (with the first fill's settlement). */
  FEE_SETTLED,
  /** The fee was given back (nothing filled). */
  FEE_REFUNDED
}
