package com.example.trading.platform.security;

/**
 * The two scopes of API.md "Identity and authorization", as the authorities Spring Security gives
 * them.
 */
public final class Scopes {

  /** The back office: reads everything, funds accounts, cancels any order, the ops endpoints. */
  public static final String OPERATOR = "trading.operator";

  /** A customer, whose id is the token's {@code sub}. */
  public static final String CUSTOMER = "trading.customer";

  public static final String OPERATOR_AUTHORITY = "SCOPE_" + OPERATOR;
  public static final String CUSTOMER_AUTHORITY = "SCOPE_" + CUSTOMER;

  private Scopes() {}
}
