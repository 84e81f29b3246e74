package com.example.trading.projections.pipeline;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.schemas.ViewCheckpoints;
import com.example.trading.schemas.ViewDocuments;
import java.util.Map;

/**
 * How far a view index has applied one partition of one event topic: a document in the view's own
 * index (so a rebuilt index carries its own checkpoints through the alias swap), with id {@link
 * #documentId}. Readers wait on it for read-your-writes: its id and its {@code checkpointPosition}
 * are the contract of {@link ViewCheckpoints}.
 */
public record Checkpoint(
    String kind, String topic, int partition, long checkpointPosition, long checkpointOffset) {

  public static final String KIND = ViewDocuments.CHECKPOINT;

  /** A view index's own documents: everything in it but its checkpoints. */
  public static final Query NOT_A_CHECKPOINT =
      Query.of(
          q ->
              q.bool(
                  b -> b.mustNot(n -> n.term(t -> t.field(ViewDocuments.KIND_FIELD).value(KIND)))));

  public static Checkpoint of(String topic, int partition, long position, long offset) {
    return new Checkpoint(KIND, topic, partition, position, offset);
  }

  /**
   * Records in {@code newest} (by document id) that {@code event}'s partition got at least as far
   * as it.
   */
  public static void advance(Map<String, Checkpoint> newest, ProjectedEvent event) {
    newest.merge(
        documentId(event.topic(), event.partition()),
        of(event.topic(), event.partition(), event.position(), event.offset()),
        (a, b) -> b.checkpointOffset() > a.checkpointOffset() ? b : a);
  }

  public static String documentId(String topic, int partition) {
    return ViewCheckpoints.documentId(topic, partition);
  }
}
