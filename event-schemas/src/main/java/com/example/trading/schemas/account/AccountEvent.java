package com.example.trading.schemas.account;

import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.TradingEvent;

/**
 * What happened to a customer's account (aggregate id {@link #streamId}). An account exists from
 * {@link AccountOpened} on and belongs to one customer for ever.
 */
public sealed interface AccountEvent extends TradingEvent {

  String accountId();

  /**
   * The aggregate id of an account: {@code accountId/account}. It cannot meet a holding's
   * {@code accountId/ASSET} (assets are upper case) nor an order's or fee's id.
   */
  static String streamId(String accountId) {
    return accountId + "/account";
  }

  @Override
  default String aggregateId() {
    return streamId(accountId());
  }

  /** An operator opened the account for the customer {@code customerId}, its only owner. */
  @MessageType(name = "AccountOpened")
  record AccountOpened(String accountId, String customerId) implements AccountEvent {
  }
}
