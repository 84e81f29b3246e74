package com.example.trading.schemas;

/** Whether the customer sells or buys the instrument. */
public enum Side {
  BUY,
  SELL
}
