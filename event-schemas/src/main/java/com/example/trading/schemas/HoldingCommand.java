package com.example.trading.schemas;

import java.math.BigDecimal;

/** What may be asked of a holding (aggregate id {@code accountId/asset}). */
public sealed interface HoldingCommand extends TradingCommand {

  String holdingId();

  @Override
  default String targetAggregateId() {
    return holdingId();
  }

  /**
   * Funding: add {@code quantity}. {@code depositId} (revision 2) names the deposit request it
   * carries out ({@link com.example.trading.schemas.AccountEvent#depositStreamId}); a deposit id
   * the holding has already applied changes nothing. Null for a deposit without one.
   */
  @MessageType(name = "DepositHolding", revision = 2)
  record DepositHolding(
      String holdingId, String accountId, String asset, BigDecimal quantity, String depositId)
      implements HoldingCommand {}

  /** Reserve {@code quantity} for {@code orderId}; at most one reservation per order. */
  @MessageType(name = "ReserveHolding")
  record ReserveHolding(
      String holdingId, String accountId, String asset, String orderId, BigDecimal quantity)
      implements HoldingCommand {}

  /** Release whatever is still reserved for {@code orderId}; a no-op when nothing is. */
  @MessageType(name = "ReleaseReservation")
  record ReleaseReservation(String holdingId, String orderId) implements HoldingCommand {}

  /**
   * Take {@code quantity} of {@code orderId}'s reservation for fill {@code fillId}; once per fill.
   */
  @MessageType(name = "SettleReservation")
  record SettleReservation(String holdingId, String orderId, String fillId, BigDecimal quantity)
      implements HoldingCommand {}

  /** Add the proceeds of fill {@code fillId} of {@code orderId}; once per fill. */
  @MessageType(name = "CreditHolding")
  record CreditHolding(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String fillId,
      BigDecimal quantity)
      implements HoldingCommand {}

  /**
   * Change what is reserved for {@code orderId} by {@code change} (positive: reserve more, refused
   * with an event when the holding has not that much available; negative: release that much), once
   * per {@code adjustmentId}. A replace of the order's terms sends it.
   */
  @MessageType(name = "AdjustReservation")
  record AdjustReservation(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String adjustmentId,
      BigDecimal change)
      implements HoldingCommand {}
}
