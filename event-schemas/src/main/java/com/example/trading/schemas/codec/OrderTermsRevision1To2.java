package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code OrderPlaced} and {@code PlaceOrder} revision 2 added the time in force and the stop price:
 * every order placed before worked as a {@code DAY} order and had no stop.
 *
 * @param type the message's type name
 */
public record OrderTermsRevision1To2(String type) implements JsonUpcaster {

  @Override
  public int fromRevision() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.hasNonNull("timeInForce")) {
      json.put("timeInForce", "DAY");
    }
    if (!json.has("stopPrice")) {
      json.putNull("stopPrice");
    }
    return json;
  }
}
