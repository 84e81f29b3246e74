package com.example.trading.command.account;

import com.example.trading.command.RuleViolation;

/** An account command the account's rules refuse; nothing is stored. */
public class AccountRuleViolation extends IllegalArgumentException implements RuleViolation {

  AccountRuleViolation(String message) {
    super(message);
  }

  /** The account exists and belongs to someone else: it is never handed to another customer. */
  public static final class OwnedByAnotherCustomer extends AccountRuleViolation {
    OwnedByAnotherCustomer(String accountId) {
      super("Account " + accountId + " is already open for another customer.");
    }
  }
}
