package com.example.trading.schemas.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A revision that only added optional fields: what older revisions carried has them as null (e.g.
 * {@code HoldingDeposited} revision 2 added {@code depositId}, which deposits made before
 * Idempotency-Keys do not have).
 *
 * @param type the message's type name
 * @param fromRevision the revision without the fields
 * @param fields the fields the next revision added
 */
public record FieldsAddedAsNull(String type, int fromRevision, List<String> fields)
    implements JsonUpcaster {

  public FieldsAddedAsNull(String type, int fromRevision, String... fields) {
    this(type, fromRevision, List.of(fields));
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    for (String field : fields) {
      if (!json.has(field)) {
        json.putNull(field);
      }
    }
    return json;
  }
}
