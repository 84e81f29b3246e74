package com.example.trading.saga.order;

import java.math.BigDecimal;

/**
 * A replace of the order's terms in flight: the new terms, where it stands, and what the saga did
 * for it that a refusal undoes. More reservation and a higher fee hold are taken before the venue
 * is asked (a refusal gives them back); less of either is given back only once the venue has
 * replaced the order, so restoring the previous terms never needs to take anything again.
 *
 * @param replaceId the order's id for this replace ({@code <orderId>:r<n>})
 * @param priceProtection the new terms' protection at the venue (a BUY STOP's stop × 1.05), or null
 * @param reservePrice the most a share of the new terms costs (BUY) or is estimated at (SELL)
 * @param reservationGrowth what it reserves more before the venue is asked (0: nothing)
 * @param feeNotional the notional the fee is held on under the new terms
 * @param previousFeeNotional the notional the fee was held on before
 * @param grown whether the holding reserved {@code reservationGrowth}
 * @param raised whether the fee holds the fee of {@code feeNotional}
 */
record Replacing(
    String replaceId,
    long quantity,
    BigDecimal limitPrice,
    BigDecimal stopPrice,
    BigDecimal priceProtection,
    BigDecimal reservePrice,
    BigDecimal reservationGrowth,
    BigDecimal feeNotional,
    BigDecimal previousFeeNotional,
    Phase phase,
    boolean grown,
    boolean raised) {

  /** Where the replace stands. */
  enum Phase {
    /** The holding is asked to reserve more. */
    RESERVING,
    /** The fee is asked to hold more. */
    HOLDING_FEE,
    /** The venue is asked to replace the order. */
    AT_VENUE
  }

  Replacing in(Phase next) {
    return with(next, grown, raised);
  }

  Replacing reservationGrown() {
    return with(phase, true, raised);
  }

  Replacing feeRaised() {
    return with(phase, grown, true);
  }

  private Replacing with(Phase nextPhase, boolean nowGrown, boolean nowRaised) {
    return new Replacing(
        replaceId,
        quantity,
        limitPrice,
        stopPrice,
        priceProtection,
        reservePrice,
        reservationGrowth,
        feeNotional,
        previousFeeNotional,
        nextPhase,
        nowGrown,
        nowRaised);
  }

  /** The adjustment that reserves more for the new terms. */
  String growthId() {
    return replaceId + ":reserve";
  }

  /** The adjustment that gives the growth back when the replace is refused. */
  String growthUndoId() {
    return replaceId + ":reserve-undo";
  }

  /** The adjustment that releases what the new terms no longer need, once replaced. */
  String releaseId() {
    return replaceId + ":release";
  }

  /** The fee hold of the new terms. */
  String feeId() {
    return replaceId + ":fee";
  }

  /** The fee hold of the previous terms, again, when the replace is refused. */
  String feeUndoId() {
    return replaceId + ":fee-undo";
  }
}
