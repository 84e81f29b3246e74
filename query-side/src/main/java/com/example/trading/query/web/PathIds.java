package com.example.trading.query.web;

import java.util.regex.Pattern;

/**
 * The shapes of the ids in the query API's paths (the command API's rules): anything else is 400.
 */
public final class PathIds {

  /** An account id, as the API's documents give it. */
  public static final String ACCOUNT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";

  /** A customer id, as the command API's OpenAccountRequest takes it. */
  public static final String CUSTOMER_ID_PATTERN = ACCOUNT_ID_PATTERN;

  /** An order id, as the API's documents give it. */
  public static final String ORDER_ID_PATTERN =
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  private static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_PATTERN);
  private static final Pattern ORDER_ID = Pattern.compile(ORDER_ID_PATTERN);

  private PathIds() {}

  public static void requireAccountId(String accountId) {
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new InvalidQueryException(
          "accountId", "must be 1-64 letters, digits, '.', '_', ':' or '-'");
    }
  }

  public static void requireCustomerId(String customerId) {
    if (!ACCOUNT_ID.matcher(customerId).matches()) {
      throw new InvalidQueryException(
          "customerId", "must be 1-64 letters, digits, '.', '_', ':' or '-'");
    }
  }

  public static void requireOrderId(String orderId) {
    if (!ORDER_ID.matcher(orderId).matches()) {
      throw new InvalidQueryException("orderId", "must be an order id (a lower-case UUID)");
    }
  }
}
