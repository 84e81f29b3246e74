package com.example.trading.command.fee;

/** A fee command that would break the fee's rules (e.g. refund after settlement): refused. */
public class FeeRuleViolation extends IllegalStateException {

  public FeeRuleViolation(String message) {
    super(message);
  }
}
