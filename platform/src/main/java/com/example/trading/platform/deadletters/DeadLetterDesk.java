package com.example.trading.platform.deadletters;

import com.example.trading.platform.deadletters.DeadLetterLedger.Action;
import com.example.trading.platform.deadletters.DeadLetterLedger.Entry;
import com.example.trading.platform.deadletters.DeadLetterSource.RedriveFailedException;
import com.example.trading.platform.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions on a service's dead letters: list them with what was done to each,
 * re-drive or discard one, a selection or all pending ones, each recorded in the {@link
 * DeadLetterLedger} with the operator and the reason (and logged). A handled message is not handled
 * again.
 */
public final class DeadLetterDesk {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDesk.class);

  /** Where a message stands. */
  public enum State {
    PENDING,
    REDRIVEN,
    DISCARDED
  }

  /** A parked message and what was done to it (who, when and why: null while pending). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "ListedDeadLetter")
  public record Listed(
      DeadLetter message,
      State state,
      @Nullable String handledBy,
      @Nullable String handledAt,
      @Nullable String note) {}

  /**
   * A source and how many of its messages wait; {@code instead} says what to do when not
   * redrivable.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "DeadLetterSourceSummary")
  public record Summary(
      String source,
      String redrivesTo,
      boolean redrivable,
      @Nullable String instead,
      int pending,
      int handled) {}

  /** What happened to one message of a request. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "DeadLetterResult")
  public record Result(String id, Outcome outcome, @Nullable String detail) {}

  public enum Outcome {
    REDRIVEN,
    DISCARDED,
    ALREADY_HANDLED,
    STILL_FAILING,
    NOT_FOUND
  }

  private final Map<String, DeadLetterSource> sources = new LinkedHashMap<>();
  private final DeadLetterLedger ledger;
  private final Clock clock;

  DeadLetterDesk(List<DeadLetterSource> sources, DeadLetterLedger ledger, Clock clock) {
    sources.forEach(source -> this.sources.put(source.name(), source));
    this.ledger = ledger;
    this.clock = clock;
  }

  public List<Summary> summaries() {
    Map<String, Entry> handled = ledger.read();
    List<Summary> summaries = new ArrayList<>();
    for (DeadLetterSource source : sources.values()) {
      List<DeadLetter> messages = source.read();
      int done =
          (int)
              messages.stream()
                  .filter(m -> handled.containsKey(DeadLetterLedger.key(source.name(), m.id())))
                  .count();
      summaries.add(
          new Summary(
              source.name(),
              source.redrivesTo(),
              source.redriveRefusal().isEmpty(),
              source.redriveRefusal().orElse(null),
              messages.size() - done,
              done));
    }
    return summaries;
  }

  public Optional<DeadLetterSource> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }

  /** The source's messages in {@code states}, oldest first. */
  public List<Listed> list(DeadLetterSource source, List<State> states) {
    Map<String, Entry> handled = ledger.read();
    return source.read().stream()
        .map(message -> listed(source, message, handled))
        .filter(listed -> states.contains(listed.state()))
        .toList();
  }

  /** Re-drives the messages {@code ids} (or every pending one when {@code ids} is empty). */
  public List<Result> redrive(
      DeadLetterSource source, List<String> ids, Caller caller, String reason) {
    if (source.redriveRefusal().isPresent()) {
      throw new IllegalStateException(source.redriveRefusal().get());
    }
    return act(source, ids, caller, reason, Action.REDRIVEN);
  }

  /** Discards the messages {@code ids} (or every pending one when {@code ids} is empty). */
  public List<Result> discard(
      DeadLetterSource source, List<String> ids, Caller caller, String reason) {
    return act(source, ids, caller, reason, Action.DISCARDED);
  }

  private List<Result> act(
      DeadLetterSource source, List<String> ids, Caller caller, String reason, Action action) {
    Map<String, Entry> handled = ledger.read();
    List<Result> results = new ArrayList<>();
    List<DeadLetter> targets = new ArrayList<>();
    if (ids.isEmpty()) {
      source.read().stream()
          .filter(m -> !handled.containsKey(DeadLetterLedger.key(source.name(), m.id())))
          .forEach(targets::add);
    } else {
      for (String id : ids) {
        Entry done = handled.get(DeadLetterLedger.key(source.name(), id));
        Optional<DeadLetter> message = source.find(id);
        if (message.isEmpty()) {
          results.add(
              new Result(id, Outcome.NOT_FOUND, "no message " + id + " in " + source.name()));
        } else if (done != null) {
          results.add(
              new Result(
                  id,
                  Outcome.ALREADY_HANDLED,
                  done.action() + " by " + done.by() + " at " + done.at() + ": " + done.reason()));
        } else {
          targets.add(message.get());
        }
      }
    }
    for (DeadLetter message : targets) {
      if (action == Action.REDRIVEN) {
        try {
          source.redrive(message);
        } catch (RedriveFailedException e) {
          results.add(new Result(message.id(), Outcome.STILL_FAILING, e.getMessage()));
          continue;
        }
      }
      ledger.append(
          new Entry(
              source.name(),
              message.id(),
              action,
              caller.principal(),
              reason,
              clock.instant().toString()));
      log.info(
          "{} {} {}/{} ({}): {}",
          caller.principal(),
          action.name().toLowerCase(),
          source.name(),
          message.id(),
          message.reason(),
          reason);
      results.add(
          new Result(
              message.id(),
              action == Action.REDRIVEN ? Outcome.REDRIVEN : Outcome.DISCARDED,
              null));
    }
    return results;
  }

  private static Listed listed(
      DeadLetterSource source, DeadLetter message, Map<String, Entry> handled) {
    Entry entry = handled.get(DeadLetterLedger.key(source.name(), message.id()));
    if (entry == null) {
      return new Listed(message, State.PENDING, null, null, null);
    }
    return new Listed(
        message,
        entry.action() == Action.REDRIVEN ? State.REDRIVEN : State.DISCARDED,
        entry.by(),
        entry.at(),
        entry.reason());
  }
}
