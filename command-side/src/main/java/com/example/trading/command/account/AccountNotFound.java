package com.example.trading.command.account;

/**
 * The request names an account (or an order of an account) that does not exist for this caller:
 * never opened, or owned by another customer. Both answer the same {@code 404}, so a customer
 * cannot learn which accounts or orders exist.
 */
public class AccountNotFound extends RuntimeException {

  public AccountNotFound(String what) {
    super("No " + what + ".");
  }
}
