package com.example.trading.exchange.order;

/** The venue's answer to a placement: it took the order, or it refused it. */
public enum PlacementStatus {
  ACCEPTED,
  REJECTED
}
