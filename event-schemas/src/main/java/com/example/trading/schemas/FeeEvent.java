package com.example.trading.schemas;

import com.example.trading.schemas.fee.FeeRejectionReason;
import java.math.BigDecimal;

/** What happened to the fee obligation of one order (aggregate id = order id). Amounts in USD. */
public sealed interface FeeEvent extends TradingEvent {

  String orderId();

  String accountId();

  @Override
  default String aggregateId() {
    return orderId();
  }

  /**
   * The fee was charged under the named schedule. Revision 2 added {@code schedule}; revision 1
   * events are read through {@code FeeChargedRevision1To2}.
   */
  @MessageType(name = "FeeCharged", revision = 2)
  record FeeCharged(String orderId, String accountId, BigDecimal amount, String schedule)
      implements FeeEvent {}

  @MessageType(name = "FeeChargeRejected")
  record FeeChargeRejected(
      String orderId,
      String accountId,
      BigDecimal fee,
      BigDecimal maxFee,
      FeeRejectionReason reason)
      implements FeeEvent {}

  /**
   * The hold is now {@code amount} (it was {@code previous}), the fee of {@code estimatedNotional},
   * for adjustment {@code adjustmentId}. What {@link FeeSettled} and {@link FeeRefunded} then
   * account for is this hold.
   */
  @MessageType(name = "FeeHoldAdjusted")
  record FeeHoldAdjusted(
      String orderId,
      String accountId,
      String adjustmentId,
      BigDecimal previous,
      BigDecimal amount,
      BigDecimal estimatedNotional)
      implements FeeEvent {}

  /** Holding {@code fee} was refused (above {@code maxFee}); the hold stays as it was. */
  @MessageType(name = "FeeHoldAdjustmentRejected")
  record FeeHoldAdjustmentRejected(
      String orderId,
      String accountId,
      String adjustmentId,
      BigDecimal fee,
      BigDecimal maxFee,
      FeeRejectionReason reason)
      implements FeeEvent {}

  /** Given back because nothing filled. Never after {@link FeeSettled}. */
  @MessageType(name = "FeeRefunded")
  record FeeRefunded(String orderId, String accountId, BigDecimal amount) implements FeeEvent {}

  /**
   * The order ended with something filled: the fee due on what traded ({@code amount}, under the
   * schedule of {@link FeeCharged}, at most the hold) was paid and the rest of the hold ({@code
   * refunded}) given back, so {@code amount + refunded} is exactly what is held ({@link
   * FeeCharged}, or the last {@link FeeHoldAdjusted}). {@code executedNotional} is the notional of
   * the order's fills (Σ price × quantity, each in cents) the fee was computed on. Never after
   * {@link FeeRefunded}.
   *
   * <p>Revision 2 added {@code refunded} and {@code executedNotional}. Revision 1 settled the whole
   * hold at the first fill; it is read through {@code FeeSettledRevision1To2} with {@code refunded}
   * 0 and {@code executedNotional} null (the fee was paid on the estimate, not on what traded).
   */
  @MessageType(name = "FeeSettled", revision = 2)
  record FeeSettled(
      String orderId,
      String accountId,
      BigDecimal amount,
      BigDecimal refunded,
      BigDecimal executedNotional)
      implements FeeEvent {

    /** Whether the fee was settled on what traded (revision 2), not whole on the estimate. */
    public boolean onWhatTraded() {
      return executedNotional != null;
    }
  }
}
