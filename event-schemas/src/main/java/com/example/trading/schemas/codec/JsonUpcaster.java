package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites the JSON of one message type from {@link #fromRevision()} to the next revision. Pure and
 * deterministic, so replaying old events always gives the same result.
 */
public interface JsonUpcaster {

  String type();

  int fromRevision();

  /** Returns the JSON in revision {@code fromRevision() + 1}; may change {@code json} in place. */
  ObjectNode upcast(ObjectNode json);
}
