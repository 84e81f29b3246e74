package com.example.trading.schemas;

/**
 * Where a view records how far it has applied each partition of an event topic, as the projections
 * write it and the query side reads it for read-your-writes ({@link PositionToken}): a document in
 * the view's own index with id {@link #documentId} whose {@link #POSITION_FIELD} is the global
 * position of the newest event of that partition the view has applied.
 */
public final class ViewCheckpoints {

  /** The field of the checkpoint document that holds the applied position. */
  public static final String POSITION_FIELD = "checkpointPosition";

  private ViewCheckpoints() {}

  /** The id of the checkpoint document of {@code topic}'s {@code partition}. */
  public static String documentId(String topic, int partition) {
    return "__checkpoint__" + topic + "__" + partition;
  }
}
