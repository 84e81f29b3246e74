package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code DepositHolding} revision 1 had no {@code depositId}: deposits were not tied to a request (no
 * Idempotency-Key), so it is null.
 */
public final class DepositHoldingRevision1To2 implements JsonUpcaster {

  @Override
  public String type() {
    return "DepositHolding";
  }

  @Override
  public int fromRevision() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.has("depositId")) {
      json.putNull("depositId");
    }
    return json;
  }
}
