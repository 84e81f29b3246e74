package com.example.trading.command.fee;

import com.example.trading.command.RuleViolation;

/** A fee command that would break the fee's rules (e.g. refund after settlement): refused. */
public class FeeRuleViolation extends IllegalStateException implements RuleViolation {

  public FeeRuleViolation(String message) {
    super(message);
  }
}
