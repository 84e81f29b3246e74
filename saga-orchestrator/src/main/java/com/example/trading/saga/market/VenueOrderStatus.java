package com.example.trading.saga.market;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where an order stands at the venue, as its HTTP API answers. A status this gateway does not know
 * reads as {@code UNKNOWN} rather than failing the whole answer.
 */
public enum VenueOrderStatus {
  ACCEPTED,
  PARTIALLY_FILLED,
  FILLED,
  CANCELLED,
  EXPIRED,
  REJECTED,
  UNKNOWN;

  @JsonCreator
  static VenueOrderStatus of(String text) {
    return VenueApi.known(values(), text, UNKNOWN);
  }
}
