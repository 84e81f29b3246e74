package com.example.trading.command.holding;

/**
 * A command that would break a holding's invariants and is not a business outcome another process
 * reacts to (a malformed quantity, settling more than was reserved): refused, state unchanged.
 */
public class HoldingRuleViolation extends IllegalArgumentException {

  public HoldingRuleViolation(String message) {
    super(message);
  }
}
