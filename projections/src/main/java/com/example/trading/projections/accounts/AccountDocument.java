package com.example.trading.projections.accounts;

import com.example.trading.schemas.ViewDocuments;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One account and its owner (index {@code accounts}): what the query side checks before it shows a
 * customer an account's orders or portfolio.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccountDocument {

  public String kind = ViewDocuments.ACCOUNT;
  public String accountId;
  public String customerId;
  public String openedAt;
  public long sequence = -1;
  public String position;
}
