package com.example.trading.schemas;

/** MARKET fills at the market price (within its price protection); LIMIT at the limit or better. */
public enum OrderType {
  MARKET,
  LIMIT
}
