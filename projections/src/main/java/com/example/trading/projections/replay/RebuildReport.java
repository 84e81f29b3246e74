package com.example.trading.projections.replay;

import java.util.List;
import java.util.Optional;

/**
 * What a rebuild ({@link ViewRebuilder}) tells whoever started it, as it goes: the replay CLI
 * prints it, a rebuild started over HTTP records it ({@link RebuildRuns}).
 */
public interface RebuildReport {

  /** Where a rebuild stands. */
  enum Phase {
    /** Folding every event of the view's topics into the new index. */
    LOADING,
    /** Applying what the live projection took in meanwhile. */
    CATCHING_UP,
    /** Reading every rebuilt document and checking it by the view's rules. */
    CHECKING_RULES,
    /** Comparing the rebuilt index with the live one. */
    VERIFYING,
    /** Pointing the alias at the new index and catching it up once more. */
    SWAPPING,
    /** Nothing more to do. */
    DONE
  }

  /** How a rebuild ended; the replay CLI exits with {@link #exitCode()}. */
  enum Outcome {
    SWAPPED(0),
    VERIFIED_DRY_RUN(0),
    RULES_BROKEN(5),
    VERIFICATION_FAILED(5);

    private final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }

    /** True when the rebuilt index was verified (swapped in, or deleted after a dry run). */
    public boolean verified() {
      return exitCode == 0;
    }
  }

  void phase(Phase phase);

  /** The new index is created; {@code live} is the one behind the alias now, if any. */
  void started(String index, Optional<String> live);

  void progress(long applied, long total);

  /** The first pass folded {@code events} events in {@code seconds}. */
  void built(long events, double seconds);

  /** Every event up to the targets is applied; {@code unreadable} were skipped. */
  void caughtUp(long applied, long unreadable);

  /**
   * Every rebuilt document was read: {@code broken} of {@code checked} break the view's rules; the
   * first ten of them, with what they break, in {@code firstBroken}.
   */
  void rulesChecked(long checked, long broken, List<String> firstBroken);

  /**
   * The live index holds another version of the view: documents are compared by count and presence,
   * not content.
   */
  void comparedByPresence(int liveVersion, int rebuiltVersion);

  /**
   * One comparison with the live index; {@code differing} names the sampled documents that differ.
   */
  void verifyRound(
      int round, long liveDocuments, long rebuiltDocuments, int sampled, List<String> differing);

  /** The alias points at {@code to} now ({@code from} is the index it pointed at, if any). */
  void swapped(String alias, Optional<String> from, String to);

  /** What became of the index the alias pointed at before. */
  void previousIndex(String index, boolean deleted);

  /** The rebuild ended; {@code detail} says what the operator finds, in a sentence. */
  void finished(Outcome outcome, String detail);
}
