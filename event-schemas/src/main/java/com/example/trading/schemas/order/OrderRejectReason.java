package com.example.trading.schemas.order;

/** Why an order was rejected. */
public enum OrderRejectReason {
  INSUFFICIENT_HOLDING,
  FEE_REJECTED,
  MARKET_REJECTED,
  MARKET_TIMEOUT
}
