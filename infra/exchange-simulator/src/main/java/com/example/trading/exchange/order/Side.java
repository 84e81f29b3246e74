package com.example.trading.exchange.order;

/** Whether an order buys or sells. */
public enum Side {
  BUY,
  SELL
}
