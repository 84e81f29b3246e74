package com.example.trading.schemas;

import java.math.BigDecimal;

/** What may be asked of an order's fee (aggregate id = order id). */
public sealed interface FeeCommand extends TradingCommand {

  String orderId();

  @Override
  default String targetAggregateId() {
    return orderId();
  }

  /**
   * Charge the fee of an order whose notional is {@code quantity × priceEstimate}, under the named
   * {@link FeeSchedule} (the one the saga chose for the order and reserved room for). Revision 2
   * added {@code schedule}; a revision 1 command has it null and is charged under the only schedule
   * there was then ({@link FeeSchedule#STANDARD_V1}).
   */
  @MessageType(name = "ChargeFee", revision = 2)
  record ChargeFee(
      String orderId,
      String accountId,
      Side side,
      String instrument,
      long quantity,
      BigDecimal priceEstimate,
      BigDecimal maxFee,
      String schedule)
      implements FeeCommand {}

  @MessageType(name = "RefundFee")
  record RefundFee(String orderId) implements FeeCommand {}

  /**
   * Settle the fee of an order that ended with something filled: {@code amount} is what its fills
   * paid towards the fee due on {@code executedNotional} (Σ price × quantity of its fills, each in
   * cents); the rest of the hold is refunded. Revision 2 added both; a revision 1 command (from a
   * saga that settled the whole hold at the first fill) has them null and settles the whole hold.
   */
  @MessageType(name = "SettleFee", revision = 2)
  record SettleFee(String orderId, BigDecimal amount, BigDecimal executedNotional)
      implements FeeCommand {}

  /**
   * Hold the fee of {@code estimatedNotional} instead of what is held now, under the schedule of
   * the hold, once per {@code adjustmentId}; refused with an event when it is above {@code maxFee}
   * (null: no limit). A replace of the order's terms sends it.
   */
  @MessageType(name = "AdjustFeeHold")
  record AdjustFeeHold(
      String orderId, String adjustmentId, BigDecimal estimatedNotional, BigDecimal maxFee)
      implements FeeCommand {}
}
