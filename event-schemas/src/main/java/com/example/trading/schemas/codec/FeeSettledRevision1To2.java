package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code FeeSettled} revision 1 settled the whole hold at the first fill: nothing of it was
 * refunded ({@code refunded} 0.00), and it was not computed on what traded ({@code
 * executedNotional} null).
 */
public final class FeeSettledRevision1To2 implements JsonUpcaster {

  @Override
  public String type() {
    return "FeeSettled";
  }

  @Override
  public int fromRevision() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.hasNonNull("refunded")) {
      json.put("refunded", "0.00");
    }
    if (!json.has("executedNotional")) {
      json.putNull("executedNotional");
    }
    return json;
  }
}
