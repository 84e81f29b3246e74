package com.example.trading.query.web;

import java.util.regex.Pattern;

/** The shapes of the ids in the query API's paths (the command API's rules): anything else is 400. */
public final class PathIds {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private PathIds() {
  }

  public static void requireAccountId(String accountId) {
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new InvalidQueryException("accountId", "must be 1-64 letters, digits, '.', '_', ':' or '-'");
    }
  }

  public static void requireOrderId(String orderId) {
    if (!ORDER_ID.matcher(orderId).matches()) {
      throw new InvalidQueryException("orderId", "must be an order id (a lower-case UUID)");
    }
  }
}
