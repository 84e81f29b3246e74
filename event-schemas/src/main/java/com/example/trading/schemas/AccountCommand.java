package com.example.trading.schemas;

/** Commands to an account (sent by the command API; the saga sends none). */
public sealed interface AccountCommand extends TradingCommand {

  String accountId();

  @Override
  default String targetAggregateId() {
    return AccountEvent.streamId(accountId());
  }

  /** Opens the account for a customer; again for the same customer changes nothing. */
  @MessageType(name = "OpenAccount")
  record OpenAccount(String accountId, String customerId) implements AccountCommand {}

  /**
   * Records a deposit request under its idempotency key; again with the same terms changes nothing,
   * with other terms is refused.
   */
  @MessageType(name = "RequestDeposit")
  record RequestDeposit(
      String accountId, String idempotencyKey, String asset, java.math.BigDecimal quantity)
      implements AccountCommand {

    @Override
    public String targetAggregateId() {
      return AccountEvent.depositStreamId(accountId, idempotencyKey);
    }
  }
}
