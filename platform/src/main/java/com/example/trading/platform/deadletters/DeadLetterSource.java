package com.example.trading.platform.deadletters;

import java.util.List;
import java.util.Optional;

/**
 * Where a service parks what it could not handle (a dead-letter topic, the saga's rejected inbox
 * rows), and how a parked message is re-driven: handed again to what failed on it. What a source
 * re-drives to must apply a message at most once however often it receives it (the aggregates and
 * the saga inbox are idempotent), since a re-drive that dies before it is recorded is done again.
 */
public interface DeadLetterSource {

  /**
   * The source's name in {@code /ops/dead-letters/{name}} (a dead-letter topic's contract name).
   */
  String name();

  /** What a re-drive hands the message to, for people: e.g. {@code trading.commands}. */
  String redrivesTo();

  /**
   * Why this source's messages cannot be re-driven, and what to do instead; empty when they can.
   */
  default Optional<String> redriveRefusal() {
    return Optional.empty();
  }

  /** Every parked message, oldest first. */
  List<DeadLetter> read();

  Optional<DeadLetter> find(String id);

  /**
   * Hands the message again to what failed on it.
   *
   * @throws RedriveFailedException when it is refused again on the spot (still unreadable)
   */
  void redrive(DeadLetter letter);

  /** A re-drive that failed again at once; the message stays parked. */
  class RedriveFailedException extends RuntimeException {
    public RedriveFailedException(String message) {
      super(message);
    }
  }
}
