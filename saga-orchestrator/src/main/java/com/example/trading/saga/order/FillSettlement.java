package com.example.trading.saga.order;

import com.example.trading.schemas.Assets;
import com.example.trading.schemas.HoldingCommand.CreditHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.Side;
import java.math.BigDecimal;

/**
 * The holding commands that settle one fill, and how much of the fee it collects. The fee is due on
 * what traded: {@code feeOwed} is the fee due on every fill so far, this one included (never more
 * than the hold); each fill pays what of it earlier fills have not.
 *
 * <ul>
 *   <li>SELL: settle {@code quantity} shares from the reservation; credit the proceeds ({@code
 *       price × quantity} in cents) less the fee owed and not yet collected (a sale needs no cash
 *       up front, so the fee comes out of the proceeds; what a fill's proceeds cannot cover, later
 *       fills pay). No credit when the fee takes it all.
 *   <li>BUY: settle the cost (in cents) plus the fee owed and not yet collected from the cash
 *       reservation (which holds the fee on the estimate, never less than what is owed); credit the
 *       shares.
 * </ul>
 *
 * A settlement never takes more than what is left reserved ({@code clamped} says it had to stop
 * there, which only a venue that broke the price protection can cause).
 *
 * @param settle the reservation settlement
 * @param credit the credit, or null when nothing is to be credited
 * @param feeCollected the part of the fee this fill collects
 * @param clamped whether the settlement was cut to what was left reserved
 */
public record FillSettlement(
    SettleReservation settle, CreditHolding credit, BigDecimal feeCollected, boolean clamped) {

  public static FillSettlement of(
      Side side,
      String accountId,
      String instrument,
      String orderId,
      String fillId,
      long quantity,
      BigDecimal price,
      BigDecimal feeOwed,
      BigDecimal feeCollectedBefore,
      BigDecimal leftReserved) {
    BigDecimal proceeds = Assets.cents(price.multiply(BigDecimal.valueOf(quantity)));
    BigDecimal feeDue = feeOwed.subtract(feeCollectedBefore).max(BigDecimal.ZERO);
    if (side == Side.SELL) {
      BigDecimal shares = BigDecimal.valueOf(quantity);
      BigDecimal collected = feeDue.min(proceeds);
      BigDecimal cash = proceeds.subtract(collected);
      boolean clamped = shares.compareTo(leftReserved) > 0;
      SettleReservation settle =
          new SettleReservation(
              Assets.holdingId(accountId, instrument),
              orderId,
              fillId,
              clamped ? leftReserved : shares);
      CreditHolding credit =
          cash.signum() > 0
              ? new CreditHolding(
                  Assets.holdingId(accountId, Assets.CASH),
                  accountId,
                  Assets.CASH,
                  orderId,
                  fillId,
                  cash)
              : null;
      return new FillSettlement(settle, credit, collected, clamped);
    }
    BigDecimal cost = proceeds.add(feeDue);
    boolean clamped = cost.compareTo(leftReserved) > 0;
    SettleReservation settle =
        new SettleReservation(
            Assets.holdingId(accountId, Assets.CASH),
            orderId,
            fillId,
            clamped ? leftReserved : cost);
    CreditHolding credit =
        new CreditHolding(
            Assets.holdingId(accountId, instrument),
            accountId,
            instrument,
            orderId,
            fillId,
            BigDecimal.valueOf(quantity));
    return new FillSettlement(settle, credit, feeDue, clamped);
  }
}
