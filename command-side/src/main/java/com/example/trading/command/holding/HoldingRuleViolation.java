package com.example.trading.command.holding;

import com.example.trading.command.RuleViolation;

/**
 * A command that would break a holding's invariants and is not a business outcome another process
 * reacts to (a malformed quantity, settling more than was reserved): refused, state unchanged.
 */
public class HoldingRuleViolation extends IllegalArgumentException implements RuleViolation {

  public HoldingRuleViolation(String message) {
    super(message);
  }

  /** An {@code Idempotency-Key} already used for a deposit of other terms: nothing is applied. */
  public static final class IdempotencyKeyReused extends HoldingRuleViolation {
    IdempotencyKeyReused(String key) {
      super(
          "Idempotency-Key "
              + key
              + " was already used for a deposit with another asset or quantity.");
    }
  }
}
