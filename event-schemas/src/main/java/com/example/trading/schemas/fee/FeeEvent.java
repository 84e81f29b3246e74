package com.example.trading.schemas.fee;

import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.TradingEvent;
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

  /** Given back because nothing filled. Never after {@link FeeSettled}. */
  @MessageType(name = "FeeRefunded")
  record FeeRefunded(String orderId, String accountId, BigDecimal amount) implements FeeEvent {}

  /** Collected at the first fill. Never after {@link FeeRefunded}. */
  @MessageType(name = "FeeSettled")
  record FeeSettled(String orderId, String accountId, BigDecimal amount) implements FeeEvent {}
}
