package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code FeeCharged} revision 1 had no {@code schedule}: only the first schedule ({@value
 * #FIRST_SCHEDULE}: 10 bps, min 1.00, max 50.00 USD) existed then, so it is named.
 */
public final class FeeChargedRevision1To2 implements JsonUpcaster {

  static final String FIRST_SCHEDULE = "standard-v1";

  @Override
  public String type() {
    return "FeeCharged";
  }

  @Override
  public int fromRevision() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.hasNonNull("schedule")) {
      json.put("schedule", FIRST_SCHEDULE);
    }
    return json;
  }
}
