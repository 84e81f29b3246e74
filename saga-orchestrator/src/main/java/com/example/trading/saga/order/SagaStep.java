package com.example.trading.saga.order;

/**
 * Where one order's saga stands: the single source of truth of its progress (see the step table on
 * {@link OrderSaga}). Every step has a deadline ({@link SagaTimeouts}).
 */
public enum SagaStep {
  /** MARKET orders: waiting for the venue's reference price. */
  PRICING,
  /** 1. ReserveHolding sent; waiting for HoldingReserved / HoldingReservationRejected. */
  RESERVING,
  /** 2. ChargeFee sent; waiting for FeeCharged / FeeChargeRejected. */
  CHARGING_FEE,
  /** 3. Submission asked of the market gateway; waiting for the venue's answer. */
  SUBMITTING,
  /** 4. On the venue: fills are settled as they come. */
  ON_MARKET,
  /**
   * Cancel asked at the venue (customer cancel, venue timeout or time in force); waiting for its
   * fate.
   */
  CANCELLING_AT_MARKET,
  /** 5. The end is decided; waiting until every fill's settlement is confirmed. */
  SETTLING,
  /** 5. Releasing what is left of the reservation (and refunding the fee if nothing filled). */
  RELEASING,
  /**
   * 5. The order's final command is sent; waiting for the order to record it. The saga then ends.
   */
  FINISHING
}
