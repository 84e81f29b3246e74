package com.example.trading.saga.market;

import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import java.math.BigDecimal;

/**
 * What the order saga asks of the market gateway. Dispatched on the local command bus, where {@link
 * MarketRequestQueue} records each as a row of {@code market_request} in the saga's own
 * transaction; a gateway worker makes the HTTP call later, outside any saga transaction, and
 * reports the outcome as a {@link MarketEvent}. Local to this service: not part of the contract.
 */
public sealed interface MarketCommand {

  String orderId();

  /**
   * Ask the venue for the instrument's reference price (MARKET orders reserve and estimate by it).
   */
  record RequestReferencePrice(String orderId, String instrument) implements MarketCommand {}

  /**
   * Place the order on the venue under client order id = {@code orderId}, so a retried submission
   * is the same venue order. {@code priceProtection}: a BUY never fills above it, a SELL never
   * below. {@code timeInForce} is null in a request queued before it was recorded (a DAY order);
   * {@code stopPrice} only for STOP and STOP_LIMIT.
   */
  record SubmitToMarket(
      String orderId,
      Side side,
      String instrument,
      long quantity,
      OrderType type,
      BigDecimal limitPrice,
      BigDecimal priceProtection,
      TimeInForce timeInForce,
      BigDecimal stopPrice)
      implements MarketCommand {}

  /**
   * Replace the working order's terms at the venue (cancel-replace keeping the order id),
   * idempotent there by {@code replaceId}: the whole new quantity and the prices its type has.
   */
  record ReplaceAtMarket(
      String orderId,
      String replaceId,
      long quantity,
      BigDecimal limitPrice,
      BigDecimal stopPrice,
      BigDecimal priceProtection)
      implements MarketCommand {}

  /**
   * Cancel the order at the venue (idempotent there); also how the saga learns an unanswered
   * order's fate.
   */
  record CancelAtMarket(String orderId) implements MarketCommand {}
}
