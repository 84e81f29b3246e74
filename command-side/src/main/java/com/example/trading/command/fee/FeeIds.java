package com.example.trading.command.fee;

/**
 * The event-store id of an order's Fee aggregate. The contract names a fee by its order id, but the
 * Order and its Fee are two aggregates in one event store, whose (aggregate id, sequence) pairs
 * must not collide: the Fee's stream is stored under {@code fee:<orderId>}. Its events still carry
 * (and are published under) the order id.
 */
public final class FeeIds {

  private static final String PREFIX = "fee:";

  private FeeIds() {}

  public static String of(String orderId) {
    return PREFIX + orderId;
  }
}
