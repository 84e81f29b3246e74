package com.example.trading.projections.pipeline;

/**
 * How far a view index has applied one partition of one event topic: a document in the view's own
 * index (so a rebuilt index carries its own checkpoints through the alias swap), with id
 * {@link #documentId}. Readers wait on it for read-your-writes.
 */
public record Checkpoint(String kind, String topic, int partition, long checkpointPosition, long checkpointOffset) {

  public static final String KIND = "checkpoint";

  public static Checkpoint of(String topic, int partition, long position, long offset) {
    return new Checkpoint(KIND, topic, partition, position, offset);
  }

  public static String documentId(String topic, int partition) {
    return "__checkpoint__" + topic + "__" + partition;
  }
}
