package com.example.trading.schemas.fee;

/** Why a fee was not charged. */
public enum FeeRejectionReason {
  /** The fee is above the order's {@code maxFee}. */
  FEE_LIMIT_EXCEEDED
}
