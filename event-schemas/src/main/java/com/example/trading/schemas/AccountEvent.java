package com.example.trading.schemas;

/**
 * What happened to a customer's account (aggregate id {@link #streamId}). An account exists from
 * {@link AccountOpened} on and belongs to one customer for ever.
 */
public sealed interface AccountEvent extends TradingEvent {

  String accountId();

  /**
   * The aggregate id of an account: {@code accountId/account}. It cannot meet a holding's {@code
   * accountId/ASSET} (assets are upper case) nor an order's or fee's id.
   */
  static String streamId(String accountId) {
    return accountId + "/account";
  }

  /**
   * The aggregate id of one deposit request of an account: {@code accountId/deposit-<sha-256 of the
   * Idempotency-Key, hex>}, so any visible ASCII key makes a safe, fixed-length id.
   */
  static String depositStreamId(String accountId, String idempotencyKey) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return accountId + "/deposit-" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  default String aggregateId() {
    return streamId(accountId());
  }

  /** An operator opened the account for the customer {@code customerId}, its only owner. */
  @MessageType(name = "AccountOpened")
  record AccountOpened(String accountId, String customerId) implements AccountEvent {}

  /**
   * An operator asked to deposit {@code quantity} of {@code asset} into the account under an {@code
   * Idempotency-Key} (stream {@link #depositStreamId}): the key's only terms. The holding records
   * the deposit with the same {@code depositId}.
   */
  @MessageType(name = "DepositRequested")
  record DepositRequested(
      String accountId,
      String depositId,
      String idempotencyKey,
      String asset,
      java.math.BigDecimal quantity)
      implements AccountEvent {

    @Override
    public String aggregateId() {
      return depositId;
    }
  }
}
