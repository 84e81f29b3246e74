package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A revision that only added an optional field: what older revisions carried has it as null (e.g.
 * {@code HoldingDeposited} revision 2 added {@code depositId}, which deposits made before
 * Idempotency-Keys do not have).
 *
 * @param type the message's type name
 * @param fromRevision the revision without the field
 * @param field the field the next revision added
 */
public record FieldAddedAsNull(String type, int fromRevision, String field)
    implements JsonUpcaster {

  @Override
  public ObjectNode upcast(ObjectNode json) {
    if (!json.has(field)) {
      json.putNull(field);
    }
    return json;
  }
}
