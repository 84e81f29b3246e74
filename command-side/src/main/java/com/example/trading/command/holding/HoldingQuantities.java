package com.example.trading.command.holding;

import com.example.trading.schemas.Assets;
import java.math.BigDecimal;

/** The shape rules of a holding quantity: positive; whole shares; cash in at most cents. */
final class HoldingQuantities {

  private HoldingQuantities() {}

  static void requirePositive(String asset, BigDecimal quantity) {
    if (quantity == null || quantity.signum() <= 0) {
      throw new HoldingRuleViolation("quantity of " + asset + " must be positive, was " + quantity);
    }
    int maxScale = Assets.isCash(asset) ? 2 : 0;
    if (quantity.stripTrailingZeros().scale() > maxScale) {
      throw new HoldingRuleViolation(
          Assets.isCash(asset)
              ? "cash amounts have at most two decimals, was " + quantity
              : "share quantities are whole numbers, was " + quantity);
    }
  }
}
