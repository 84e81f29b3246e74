package com.example.trading.schemas;

/**
 * How long an order works at the venue (API.md "Order terms"):
 *
 * <ul>
 *   <li>{@code DAY}: until the venue's session close, when what is left expires (the default);
 *   <li>{@code GTC}: good till cancelled — until it fills or the customer cancels it;
 *   <li>{@code IOC}: immediate or cancel — what fills on arrival fills, the rest is cancelled;
 *   <li>{@code FOK}: fill or kill — all of it fills on arrival, or none of it and it is cancelled.
 * </ul>
 */
public enum TimeInForce {
  DAY,
  GTC,
  IOC,
  FOK;

  /** Whether the venue ends the order on arrival: what did not fill at once is cancelled. */
  public boolean endsOnArrival() {
    return switch (this) {
      case IOC, FOK -> true;
      case DAY, GTC -> false;
    };
  }
}
