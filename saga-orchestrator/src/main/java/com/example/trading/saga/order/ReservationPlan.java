package com.example.trading.saga.order;

import com.example.trading.schemas.Assets;
import com.example.trading.schemas.OrderTerms;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an order reserves before it may go to the market, and the price its fee is estimated at.
 *
 * <ul>
 *   <li>SELL reserves the shares; its fee is estimated at the limit (LIMIT, STOP_LIMIT), the stop
 *       price (STOP) or the reference price (MARKET).
 *   <li>BUY reserves cash: {@code quantity × reservePrice} plus the largest fee that notional can
 *       cost, in cents, where {@code reservePrice} is the limit (LIMIT, STOP_LIMIT: the venue never
 *       fills above it) or, for the orders that fill at the market, the reference price (MARKET) or
 *       the stop price (STOP, where it starts to fill) × 1.05 in cents. Those carry {@code
 *       reservePrice} as their price protection, so the venue never fills them above the price
 *       their cash was reserved at; the fee is estimated at the same price, so the fee charged is
 *       the fee reserved.
 * </ul>
 *
 * @param asset the asset reserved: the instrument (SELL) or cash (BUY)
 * @param quantity how much of it
 * @param priceEstimate the price the fee is charged at
 * @param priceProtection the worst price the venue may fill at, or null
 */
public record ReservationPlan(
    String asset, BigDecimal quantity, BigDecimal priceEstimate, BigDecimal priceProtection) {

  /** A BUY that fills at the market reserves cash at its reference price plus this margin. */
  public static final BigDecimal MARKET_BUY_MARGIN = new BigDecimal("1.05");

  /**
   * @param referencePrice the venue's price (MARKET orders only; null for the others)
   */
  public static ReservationPlan of(
      Side side,
      String instrument,
      long quantity,
      OrderTerms terms,
      BigDecimal referencePrice,
      FeeSchedule schedule) {
    BigDecimal shares = BigDecimal.valueOf(quantity);
    if (side == Side.SELL) {
      BigDecimal estimate =
          switch (terms) {
            case OrderTerms.Market market -> referencePrice;
            case OrderTerms.Limit limit -> limit.limitPrice();
            case OrderTerms.Stop stop -> stop.stopPrice();
            case OrderTerms.StopLimit stopLimit -> stopLimit.limitPrice();
          };
      return new ReservationPlan(instrument, shares, estimate, null);
    }
    return switch (terms) {
      case OrderTerms.Market market -> protectedAt(withMargin(referencePrice), shares, schedule);
      case OrderTerms.Stop stop -> protectedAt(withMargin(stop.stopPrice()), shares, schedule);
      case OrderTerms.Limit limit -> cashAt(limit.limitPrice(), shares, schedule, null);
      case OrderTerms.StopLimit stopLimit -> cashAt(stopLimit.limitPrice(), shares, schedule, null);
    };
  }

  /** Cash for an order that fills at the market, which the venue never fills above its price. */
  private static ReservationPlan protectedAt(
      BigDecimal reservePrice, BigDecimal shares, FeeSchedule schedule) {
    return cashAt(reservePrice, shares, schedule, reservePrice);
  }

  private static ReservationPlan cashAt(
      BigDecimal reservePrice, BigDecimal shares, FeeSchedule schedule, BigDecimal protection) {
    BigDecimal notional = shares.multiply(reservePrice);
    BigDecimal cash = Assets.cents(notional).add(schedule.feeFor(notional));
    return new ReservationPlan(Assets.CASH, cash, reservePrice, protection);
  }

  private static BigDecimal withMargin(BigDecimal price) {
    return price.multiply(MARKET_BUY_MARGIN).setScale(2, RoundingMode.HALF_EVEN);
  }
}
