package com.example.trading.schemas.order;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Order ids are derived from {@code (accountId, clientOrderId)} as a name-based UUID, so a client
 * that retries a placement reaches the same order instead of creating a second one.
 */
public final class OrderIds {

  private OrderIds() {}

  public static String forClientOrder(String accountId, String clientOrderId) {
    // The separator cannot occur in either part (both are validated to printable characters).
    byte[] name =
        ("order\u0000" + accountId + "\u0000" + clientOrderId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }
}
