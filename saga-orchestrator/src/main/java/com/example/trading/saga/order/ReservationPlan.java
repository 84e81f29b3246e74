package com.example.trading.saga.order;

import com.example.trading.schemas.Assets;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an order reserves before it may go to the market, and the price its fee is estimated at.
 *
 * <ul>
 *   <li>SELL reserves the shares; its fee is estimated at the limit (LIMIT) or the reference price
 *       (MARKET).
 *   <li>BUY reserves cash: {@code quantity × reservePrice} plus the largest fee that notional can
 *       cost, in cents, where {@code reservePrice} is the limit (LIMIT) or the reference price ×
 *       1.05 in cents (MARKET). A MARKET BUY carries {@code reservePrice} as its price protection,
 *       so the venue never fills it above the price its cash was reserved at; its fee is estimated
 *       at the same price, so the fee charged is the fee reserved.
 * </ul>
 *
 * @param asset the asset reserved: the instrument (SELL) or cash (BUY)
 * @param quantity how much of it
 * @param priceEstimate the price the fee is charged at
 * @param priceProtection the worst price the venue may fill at, or null
 */
public record ReservationPlan(
    String asset, BigDecimal quantity, BigDecimal priceEstimate, BigDecimal priceProtection) {

  /** A MARKET BUY reserves cash at the reference price plus this margin. */
  public static final BigDecimal MARKET_BUY_MARGIN = new BigDecimal("1.05");

  public static ReservationPlan of(
      Side side,
      String instrument,
      long quantity,
      OrderType type,
      BigDecimal limitPrice,
      BigDecimal referencePrice,
      FeeSchedule schedule) {
    BigDecimal shares = BigDecimal.valueOf(quantity);
    if (side == Side.SELL) {
      BigDecimal estimate = type == OrderType.LIMIT ? limitPrice : referencePrice;
      return new ReservationPlan(instrument, shares, estimate, null);
    }
    BigDecimal reservePrice =
        type == OrderType.LIMIT
            ? limitPrice
            : referencePrice.multiply(MARKET_BUY_MARGIN).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal notional = shares.multiply(reservePrice);
    BigDecimal cash = Assets.cents(notional).add(schedule.feeFor(notional));
    return new ReservationPlan(
        Assets.CASH, cash, reservePrice, type == OrderType.MARKET ? reservePrice : null);
  }
}
