package com.example.trading.schemas.holding;

/** Why a reservation was refused. */
public enum HoldingRejectionReason {
  /** Less is available than the order needs. */
  INSUFFICIENT_HOLDING
}
