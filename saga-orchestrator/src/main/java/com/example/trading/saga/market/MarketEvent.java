package com.example.trading.saga.market;

import java.math.BigDecimal;

/**
 * What the market gateway learned from the venue, appended to the saga's own event store (each
 * exactly once: its event identifier is derived from the request or the venue's execution sequence)
 * so the order saga reacts to the venue through events only, in store order. Local to this service:
 * not part of the contract.
 */
public sealed interface MarketEvent {

  String orderId();

  /** The venue's reason for refusing an order whose expiry had passed when it arrived. */
  String EXPIRED_ON_ARRIVAL = "ALREADY_EXPIRED";

  /**
   * What a refusal of the venue means for the order: one refused because its expiry had passed when
   * it arrived (its day ended before it reached the venue, e.g. sent again after a crash) expired,
   * like one that expired resting; any other was rejected, for {@code reason}.
   */
  static MarketEvent refusal(String orderId, String reason) {
    return EXPIRED_ON_ARRIVAL.equals(reason)
        ? new MarketOrderExpired(orderId)
        : new MarketOrderRejected(orderId, reason == null ? "rejected by the venue" : reason);
  }

  record ReferencePriceQuoted(String orderId, String instrument, BigDecimal price)
      implements MarketEvent {}

  /** The venue has no price for the instrument (unknown to it). */
  record ReferencePriceUnavailable(String orderId, String instrument, String reason)
      implements MarketEvent {}

  /** The venue triggered the stop order: its stop price was reached, at {@code price}. */
  record MarketOrderTriggered(String orderId, BigDecimal price) implements MarketEvent {}

  /** The venue took the order. */
  record MarketOrderAccepted(String orderId, String venueOrderId) implements MarketEvent {}

  /** The venue refused the order (synchronously, or later through the executions feed). */
  record MarketOrderRejected(String orderId, String reason) implements MarketEvent {}

  /** One execution from the feed; {@code venueSequence} is its position in the venue's feed. */
  record MarketOrderFilled(
      String orderId, String fillId, long quantity, BigDecimal price, long venueSequence)
      implements MarketEvent {}

  /**
   * The order is cancelled at the venue. From the feed {@code venueFilledQuantity} is null: every
   * fill of the order precedes it there. From the cancel call's answer it is what the venue says
   * filled, and fills up to it may still be on their way through the feed.
   */
  record MarketOrderCancelled(String orderId, Long venueFilledQuantity) implements MarketEvent {}

  /**
   * The order expired at the venue (resting, or on arrival: see {@link #refusal}); every fill of
   * the order precedes it in the feed.
   */
  record MarketOrderExpired(String orderId) implements MarketEvent {}

  /**
   * A cancel was refused because the order had already ended at the venue with {@code status}
   * (FILLED, EXPIRED or REJECTED) after {@code venueFilledQuantity} filled.
   */
  record MarketOrderEnded(String orderId, VenueOrderStatus status, long venueFilledQuantity)
      implements MarketEvent {}

  /**
   * The venue works the order under the terms of replace {@code replaceId} now; {@code
   * venueFilledQuantity} had filled by then (its fills may still be on their way through the feed).
   */
  record MarketOrderReplaced(String orderId, String replaceId, long venueFilledQuantity)
      implements MarketEvent {}

  /** The venue refused replace {@code replaceId}; the order works under its terms as they were. */
  record MarketOrderReplaceRejected(String orderId, String replaceId, String reason)
      implements MarketEvent {}

  /** The venue has never seen the order (a cancel answered 404). */
  record MarketOrderUnknown(String orderId) implements MarketEvent {}
}
