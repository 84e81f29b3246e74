package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A revision that added a field whose value older revisions implied (e.g. {@code OrderPlaced}
 * revision 2 added {@code timeInForce}; every order placed before worked as a {@code DAY} order).
 *
 * @param type the message's type name
 * @param fromRevision the revision without the field
 * @param field the field the next revision added
 * @param value what it was in the older revisions
 */
public record FieldAddedWithValue(String type, int fromRevision, String field, String value)
    implements JsonUpcaster {

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.hasNonNull(field)) {
      json.put(field, value);
    }
    return json;
  }
}
