package com.example.trading.projections.replay;

import com.example.trading.projections.replay.RebuildReport.Outcome;
import com.example.trading.projections.replay.RebuildReport.Phase;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rebuild of a view started over HTTP, as it stands: who asked and why, its phase and progress,
 * the rules check and verification, and the alias swap. Kept in Elasticsearch ({@value
 * RebuildRuns#INDEX}), so any instance answers for it and it outlives the process.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RebuildStatus(
    String id,
    String view,
    String alias,
    boolean dryRun,
    boolean deleteOld,
    String requestedBy,
    String reason,
    State state,
    Phase phase,
    Instant startedAt,
    Instant updatedAt,
    @Nullable Instant finishedAt,
    @Nullable String index,
    @Nullable String previousIndex,
    long eventsApplied,
    long eventsTotal,
    long unreadable,
    @Nullable Double buildSeconds,
    @Nullable RulesCheck rules,
    @Nullable Verification verification,
    @Nullable AliasSwap aliasSwap,
    @Nullable Boolean previousIndexDeleted,
    @Nullable Outcome outcome,
    @Nullable String detail) {

  /** Whether it runs, and how it ended. */
  public enum State {
    RUNNING,
    /** Verified: swapped in, or (a dry run) deleted. */
    SUCCEEDED,
    /** Not swapped in: the rules check or the verification failed, or an error stopped it. */
    FAILED,
    /** The process running it stopped before it ended (its lock stays: start again with force). */
    ABANDONED
  }

  /** Every rebuilt document read and checked by the view's rules. */
  public record RulesCheck(long checked, long broken, List<String> firstBroken) {}

  /** The comparison with the live index: by content, or by presence across view versions. */
  public record Verification(ComparedBy comparedBy, List<Round> rounds, @Nullable Boolean passed) {

    public enum ComparedBy {
      CONTENT,
      PRESENCE
    }

    /** One comparison: counts of both indices, and the sampled documents that differ. */
    public record Round(
        int round,
        long liveDocuments,
        long rebuiltDocuments,
        int sampled,
        List<String> differing) {}
  }

  /** The alias pointed at {@code to} (from {@code from}, if it pointed anywhere) at {@code at}. */
  public record AliasSwap(String alias, @Nullable String from, String to, Instant at) {}

  /** This status as one whose process stopped before it ended. */
  RebuildStatus abandoned(String why) {
    return new RebuildStatus(
        id,
        view,
        alias,
        dryRun,
        deleteOld,
        requestedBy,
        reason,
        State.ABANDONED,
        phase,
        startedAt,
        updatedAt,
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
        why);
  }
}
