package com.example.trading.projections.replay;

import com.example.trading.projections.replay.RebuildStatus.AliasSwap;
import com.example.trading.projections.replay.RebuildStatus.RulesCheck;
import com.example.trading.projections.replay.RebuildStatus.State;
import com.example.trading.projections.replay.RebuildStatus.Verification;
import com.example.trading.projections.replay.RebuildStatus.Verification.ComparedBy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A rebuild started over HTTP as it goes: what it reports becomes its {@link RebuildStatus}; at
 * each phase change and at the end it tells {@code changed} (which records it). Written by the
 * rebuild's thread and read by others, hence synchronized; whoever records it holds its monitor, so
 * a later state is never overwritten by an earlier one.
 */
final class RecordedRebuild implements RebuildReport {

  private final String id;
  private final String view;
  private final String alias;
  private final boolean dryRun;
  private final boolean deleteOld;
  private final String requestedBy;
  private final String reason;
  private final Instant startedAt;
  private final Clock clock;
  private final Consumer<RecordedRebuild> changed;

  private State state = State.RUNNING;
  private Phase phase = Phase.LOADING;
  private Instant finishedAt;
  private String index;
  private String previousIndex;
  private long eventsApplied;
  private long eventsTotal;
  private long unreadable;
  private Double buildSeconds;
  private RulesCheck rules;
  private ComparedBy comparedBy = ComparedBy.CONTENT;
  private final List<Verification.Round> rounds = new ArrayList<>();
  private Boolean verified;
  private AliasSwap aliasSwap;
  private Boolean previousIndexDeleted;
  private Outcome outcome;
  private String detail;

  RecordedRebuild(
      String id,
      String view,
      String alias,
      boolean dryRun,
      boolean deleteOld,
      String requestedBy,
      String reason,
      Clock clock,
      Consumer<RecordedRebuild> changed) {
    this.id = id;
    this.view = view;
    this.alias = alias;
    this.dryRun = dryRun;
    this.deleteOld = deleteOld;
    this.requestedBy = requestedBy;
    this.reason = reason;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.changed = changed;
  }

  String id() {
    return id;
  }

  synchronized RebuildStatus snapshot() {
    Verification verification =
        rounds.isEmpty() && verified == null
            ? null
            : new Verification(comparedBy, List.copyOf(rounds), verified);
    return new RebuildStatus(
        id,
        view,
        alias,
        dryRun,
        deleteOld,
        requestedBy,
        reason,
        state,
        phase,
        startedAt,
        clock.instant(),
        finishedAt,
        index,
        previousIndex,
        eventsApplied,
        eventsTotal,
        unreadable,
        buildSeconds,
        rules,
        verification,
        aliasSwap,
        previousIndexDeleted,
        outcome,
        detail);
  }

  @Override
  public void phase(Phase next) {
    synchronized (this) {
      phase = next;
    }
    changed.accept(this);
  }

  @Override
  public synchronized void started(String index, Optional<String> live) {
    this.index = index;
    this.previousIndex = live.orElse(null);
  }

  @Override
  public synchronized void progress(long applied, long total) {
    eventsApplied = applied;
    eventsTotal = total;
  }

  @Override
  public synchronized void built(long events, double seconds) {
    eventsApplied = events;
    buildSeconds = seconds;
  }

  @Override
  public synchronized void caughtUp(long applied, long unreadable) {
    eventsApplied = applied;
    eventsTotal = Math.max(eventsTotal, applied);
    this.unreadable = unreadable;
  }

  @Override
  public synchronized void rulesChecked(long checked, long broken, List<String> firstBroken) {
    rules = new RulesCheck(checked, broken, List.copyOf(firstBroken));
  }

  @Override
  public synchronized void comparedByPresence(int liveVersion, int rebuiltVersion) {
    comparedBy = ComparedBy.PRESENCE;
  }

  @Override
  public synchronized void verifyRound(
      int round, long liveDocuments, long rebuiltDocuments, int sampled, List<String> differing) {
    rounds.add(
        new Verification.Round(
            round,
            liveDocuments,
            rebuiltDocuments,
            sampled,
            differing.stream().limit(10).toList()));
    if (liveDocuments == rebuiltDocuments && differing.isEmpty()) {
      verified = true;
    }
  }

  @Override
  public synchronized void swapped(String alias, Optional<String> from, String to) {
    aliasSwap = new AliasSwap(alias, from.orElse(null), to, clock.instant());
  }

  @Override
  public synchronized void previousIndex(String index, boolean deleted) {
    previousIndexDeleted = deleted;
  }

  @Override
  public void finished(Outcome how, String what) {
    synchronized (this) {
      outcome = how;
      detail = what;
      if (how == Outcome.VERIFICATION_FAILED) {
        verified = false;
      }
      state = how.verified() ? State.SUCCEEDED : State.FAILED;
      finishedAt = clock.instant();
    }
    changed.accept(this);
  }

  /** The rebuild stopped on an error before it ended. */
  void failed(Exception error) {
    synchronized (this) {
      String where;
      if (aliasSwap != null) {
        where = "; the alias points at " + aliasSwap.to() + " already";
      } else if (phase == Phase.SWAPPING) {
        where = "; it stopped while swapping: see where the alias " + alias + " points";
      } else if (index != null) {
        where =
            "; the alias still points at "
                + (previousIndex == null ? "nothing" : previousIndex)
                + "; the new index "
                + index
                + " is kept for inspection";
      } else {
        where = "";
      }
      detail = "stopped by an error: " + error.getMessage() + where;
      state = State.FAILED;
      phase = Phase.DONE;
      finishedAt = clock.instant();
    }
    changed.accept(this);
  }

  synchronized boolean running() {
    return state == State.RUNNING;
  }
}
