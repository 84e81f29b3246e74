package com.example.trading.projections.pipeline;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import com.example.trading.schemas.ViewCheckpoints;
import com.example.trading.schemas.ViewDocuments;
import java.util.HashMap;
import java.util.Map;

/**
 * The field types the views' mappings are made of (no scripting, no scaled_float: see
 * ARCHITECTURE.md).
 */
public final class ViewMappings {

  private ViewMappings() {}

  public static Property keyword() {
    return Property.of(p -> p.keyword(k -> k));
  }

  public static Property longNumber() {
    return Property.of(p -> p.long_(l -> l));
  }

  public static Property integerNumber() {
    return Property.of(p -> p.integer(i -> i));
  }

  public static Property date() {
    return Property.of(p -> p.date(d -> d));
  }

  /** Kept in the source, neither indexed nor aggregatable (decimal strings, details). */
  public static Property storedOnly() {
    return Property.of(p -> p.keyword(k -> k.index(false).docValues(false)));
  }

  /** A number kept in the source, neither indexed nor aggregatable. */
  public static Property storedOnlyNumber() {
    return Property.of(p -> p.long_(l -> l.index(false).docValues(false)));
  }

  /**
   * A keyword matched by filters, never sorted on or aggregated: no doc values, which cost the most
   * to index for values that are nearly unique (ids).
   */
  public static Property filterKeyword() {
    return Property.of(p -> p.keyword(k -> k.docValues(false)));
  }

  /**
   * A keyword only sorted on (a tie-breaker, a cursor), never filtered by: doc values, no inverted
   * index, which costs the most to index for values that are unique.
   */
  public static Property sortKeyword() {
    return Property.of(p -> p.keyword(k -> k.index(false)));
  }

  /** An object kept in the source as it is, with no mapping of its own. */
  public static Property opaqueObject() {
    return Property.of(p -> p.object(o -> o.enabled(false)));
  }

  /** The view's own fields plus those of its {@link Checkpoint} documents. */
  public static Map<String, Property> withCheckpointFields(Map<String, Property> fields) {
    Map<String, Property> all = new HashMap<>(fields);
    all.putIfAbsent(ViewDocuments.KIND_FIELD, keyword());
    all.put("topic", keyword());
    all.put("partition", integerNumber());
    all.put(ViewCheckpoints.POSITION_FIELD, longNumber());
    all.put("checkpointOffset", longNumber());
    return all;
  }
}
