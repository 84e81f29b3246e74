package com.example.trading.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Facts about assets shared by every service: cash is an asset too, in USD, rounded to cents. */
public final class Assets {

  /** The cash asset. */
  public static final String CASH = "USD";

  private Assets() {}

  public static boolean isCash(String asset) {
    return CASH.equals(asset);
  }

  /** A cash amount rounded half-even to cents, as every cash amount is stored. */
  public static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  /**
   * A quantity of the asset as the views and the API write it: cash in cents ({@code "12.50"}),
   * shares as a whole number ({@code "7"}).
   */
  public static String quantityText(String asset, BigDecimal quantity) {
    return (isCash(asset) ? cents(quantity) : quantity.setScale(0, RoundingMode.UNNECESSARY))
        .toPlainString();
  }

  /** The id of an account's holding of an asset: {@code accountId/asset}. */
  public static String holdingId(String accountId, String asset) {
    return accountId + "/" + asset;
  }
}
