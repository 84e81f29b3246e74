package com.example.trading.schemas;

import com.example.trading.schemas.holding.HoldingRejectionReason;
import java.math.BigDecimal;

/**
 * What happened to one account's holding of one asset (aggregate id {@code accountId/asset}).
 * Quantities are decimals: whole numbers for shares, cents for cash.
 */
public sealed interface HoldingEvent extends TradingEvent {

  String holdingId();

  String accountId();

  String asset();

  @Override
  default String aggregateId() {
    return holdingId();
  }

  /**
   * Funding or a transfer-in: the only way assets enter an account from outside. {@code depositId}
   * (revision 2) is the deposit request it carried out, once; null before revision 2.
   */
  @MessageType(name = "HoldingDeposited", revision = 2)
  record HoldingDeposited(
      String holdingId, String accountId, String asset, BigDecimal quantity, String depositId)
      implements HoldingEvent {}

  /** {@code quantity} of the holding is now reserved for {@code orderId}. */
  @MessageType(name = "HoldingReserved")
  record HoldingReserved(
      String holdingId, String accountId, String asset, String orderId, BigDecimal quantity)
      implements HoldingEvent {}

  /** The reservation for {@code orderId} was refused; {@code available} is what there was. */
  @MessageType(name = "HoldingReservationRejected")
  record HoldingReservationRejected(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      BigDecimal requested,
      BigDecimal available,
      HoldingRejectionReason reason)
      implements HoldingEvent {}

  /**
   * What is reserved for {@code orderId} changed by {@code change} (signed) for adjustment {@code
   * adjustmentId}: more reserved, or part of it available again.
   */
  @MessageType(name = "HoldingReservationAdjusted")
  record HoldingReservationAdjusted(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String adjustmentId,
      BigDecimal change)
      implements HoldingEvent {}

  /**
   * Reserving {@code requested} more for {@code orderId} was refused; {@code available} is what
   * there was. The reservation stays as it was.
   */
  @MessageType(name = "HoldingReservationAdjustmentRejected")
  record HoldingReservationAdjustmentRejected(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String adjustmentId,
      BigDecimal requested,
      BigDecimal available,
      HoldingRejectionReason reason)
      implements HoldingEvent {}

  /** What was still reserved for {@code orderId} is available again. */
  @MessageType(name = "HoldingReservationReleased")
  record HoldingReservationReleased(
      String holdingId, String accountId, String asset, String orderId, BigDecimal quantity)
      implements HoldingEvent {}

  /** A fill of {@code orderId} took {@code quantity} out of its reservation (and the holding). */
  @MessageType(name = "HoldingDebited")
  record HoldingDebited(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String fillId,
      BigDecimal quantity)
      implements HoldingEvent {}

  /** The proceeds of one fill of {@code orderId} were added to the holding. */
  @MessageType(name = "HoldingCredited")
  record HoldingCredited(
      String holdingId,
      String accountId,
      String asset,
      String orderId,
      String fillId,
      BigDecimal quantity)
      implements HoldingEvent {}
}
