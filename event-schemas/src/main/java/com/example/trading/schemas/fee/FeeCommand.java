package com.example.trading.schemas.fee;

import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TradingCommand;
import java.math.BigDecimal;

/** What may be asked of an order's fee (aggregate id = order id). */
public sealed interface FeeCommand extends TradingCommand {

  String orderId();

  @Override
  default String targetAggregateId() {
    return orderId();
  }

  /** Charge the fee of an order whose notional is {@code quantity × priceEstimate}. */
  @MessageType(name = "ChargeFee")
  record ChargeFee(
      String orderId,
      String accountId,
      Side side,
      String instrument,
      long quantity,
      BigDecimal priceEstimate,
      BigDecimal maxFee)
      implements FeeCommand {}

  @MessageType(name = "RefundFee")
  record RefundFee(String orderId) implements FeeCommand {}

  @MessageType(name = "SettleFee")
  record SettleFee(String orderId) implements FeeCommand {}
}
