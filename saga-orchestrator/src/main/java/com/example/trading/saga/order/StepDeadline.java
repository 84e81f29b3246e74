package com.example.trading.saga.order;

/**
 * The payload of a step's deadline: which step and which retry of it armed it, so a deadline that
 * fires after the saga moved on (or re-armed) is recognised as stale and changes nothing.
 */
public record StepDeadline(SagaStep step, int retry) {

  public static final String NAME = "order-saga-step";
}
