package com.example.trading.projections.replay;

import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.replay.RebuildReport.Outcome;
import com.example.trading.projections.store.ViewStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay --view customer-orders|portfolios|accounts|account-activities|all [--dry-run]
 * [--delete-old] [--force] [--buffer N]}: rebuilds each view chosen ({@link ViewRebuilder}) and
 * prints how it goes. A prototype: one instance per run, since picocli fills its option fields.
 */
@Component
@Scope("prototype")
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Rebuild a view from the event topics and swap it in atomically.")
public class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--view",
      required = true,
      paramLabel = "VIEW",
      description = "customer-orders, portfolios, accounts, account-activities or all")
  String viewName;

  @Option(
      names = "--dry-run",
      description = "build and verify, then delete the new index instead of swapping")
  boolean dryRun;

  @Option(names = "--delete-old", description = "delete the previous index after the swap")
  boolean deleteOld;

  @Option(
      names = "--buffer",
      paramLabel = "DOCUMENTS",
      defaultValue = "25000",
      description =
          "documents folded in memory before they are written (default ${DEFAULT-VALUE}); more means fewer writes and more heap")
  int bufferDocuments;

  @Option(names = "--force", description = "take over the lock of a rebuild that died")
  boolean force;

  private final List<View<?>> views;
  private final ViewStore store;
  private final ViewRebuilder rebuilder;
  private final KafkaClientProperties kafka;
  private final KafkaCluster cluster;

  ReplayCommand(
      List<View<?>> views,
      ViewStore store,
      ViewRebuilder rebuilder,
      KafkaClientProperties kafka,
      KafkaCluster cluster) {
    this.views = views;
    this.store = store;
    this.rebuilder = rebuilder;
    this.kafka = kafka;
    this.cluster = cluster;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<View<?>> selected =
        views.stream().filter(v -> viewName.equals("all") || v.name().equals(viewName)).toList();
    if (selected.isEmpty()) {
      err.printf(
          "error: unknown view '%s'; choose one of %s or all%n",
          viewName, views.stream().map(View::name).toList());
      return 2;
    }
    if (bufferDocuments < 1) {
      err.printf("error: --buffer must be at least 1 document, not %d%n", bufferDocuments);
      return 2;
    }
    if (!elasticsearchAnswers(err) || !kafkaAnswers(err)) {
      return 3;
    }
    int exit = 0;
    for (View<?> view : selected) {
      exit = Math.max(exit, rebuildOne(view, out, err));
    }
    return exit;
  }

  private int rebuildOne(View<?> view, PrintWriter out, PrintWriter err) throws IOException {
    Optional<String> holder =
        rebuilder.lock(view, "replay CLI (" + System.getProperty("user.name") + ")", force);
    if (holder.isPresent()) {
      err.printf(
          "error: a rebuild of %s is already running (%s); if it died, run again with --force%n",
          store.alias(view), holder.get());
      return 4;
    }
    try {
      return rebuilder
          .rebuild(
              view,
              new ViewRebuilder.Options(dryRun, deleteOld, bufferDocuments),
              new PrintedReport(view.name(), out, err))
          .exitCode();
    } finally {
      rebuilder.unlock(view);
    }
  }

  private boolean elasticsearchAnswers(PrintWriter err) {
    try {
      store.client().cluster().health();
      return true;
    } catch (Exception e) {
      err.printf(
          "error: Elasticsearch does not answer (%s); start it (make up) or set ELASTICSEARCH_URL%n",
          e.getMessage());
      return false;
    }
  }

  private boolean kafkaAnswers(PrintWriter err) {
    try {
      cluster.requireAnswer(Duration.ofSeconds(10));
      return true;
    } catch (Exception e) {
      err.printf(
          "error: Kafka does not answer at %s (%s); start it (make up) or set KAFKA_BOOTSTRAP_SERVERS%n",
          kafka.bootstrapServers(), e.getMessage());
      return false;
    }
  }

  /** A rebuild as the CLI prints it: a line per step, and a one-line progress bar. */
  static final class PrintedReport implements RebuildReport {
    private final String view;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastPrint;
    private List<String> lastDiffering = List.of();

    PrintedReport(String view, PrintWriter out, PrintWriter err) {
      this.view = view;
      this.out = out;
      this.err = err;
    }

    @Override
    public void phase(Phase phase) {}

    @Override
    public void started(String index, Optional<String> live) {
      out.printf("%s: rebuilding into %s (live: %s)%n", view, index, live.orElse("none"));
    }

    /** done/total, events per second, time left; at most four times a second. */
    @Override
    public void progress(long done, long total) {
      long now = System.nanoTime();
      if (now - lastPrint < Duration.ofMillis(250).toNanos() && done < total) {
        return;
      }
      lastPrint = now;
      long whole = Math.max(total, 1);
      double seconds = Math.max((now - started) / 1e9, 1e-3);
      double rate = done / seconds;
      long left = rate > 0 ? (long) ((whole - Math.min(done, whole)) / rate) : 0;
      int width = 30;
      int filled = (int) Math.min(width, width * done / whole);
      out.printf(
          "\r[%s%s] %,d/%,d events  %,.0f ev/s  ETA %02d:%02d ",
          "#".repeat(filled), " ".repeat(width - filled), done, whole, rate, left / 60, left % 60);
      out.flush();
    }

    @Override
    public void built(long events, double seconds) {
      out.printf(
          "%n%s: rebuilt from %,d events in %.1f s (%,.0f events/s)%n",
          view, events, seconds, events / Math.max(seconds, 1e-3));
    }

    @Override
    public void caughtUp(long applied, long unreadable) {
      out.printf(
          "%s: applied %,d events (%d unreadable or unappliable, skipped)%n",
          view, applied, unreadable);
    }

    @Override
    public void rulesChecked(long checked, long broken, List<String> firstBroken) {
      out.printf(
          "%s: checked %,d rebuilt documents by the view's rules: %d break them%n",
          view, checked, broken);
      if (broken > 0) {
        err.printf("%s: documents that break the view's rules: %s%n", view, firstBroken);
      }
    }

    @Override
    public void comparedByPresence(int liveVersion, int rebuiltVersion) {
      out.printf(
          "%s: the live index holds version %d of the view, the rebuild version %d: documents are compared by"
              + " count and presence, not content%n",
          view, liveVersion, rebuiltVersion);
    }

    @Override
    public void verifyRound(
        int round, long liveDocuments, long rebuiltDocuments, int sampled, List<String> differing) {
      out.printf(
          "%s: verify round %d: live %,d documents, rebuilt %,d; sample of %d: %d differ%n",
          view, round, liveDocuments, rebuiltDocuments, sampled, differing.size());
      lastDiffering = differing;
    }

    @Override
    public void swapped(String alias, Optional<String> from, String to) {
      out.printf("%s: alias %s now points at %s%n", view, alias, to);
    }

    @Override
    public void previousIndex(String index, boolean deleted) {
      if (deleted) {
        out.printf("%s: deleted the previous index %s%n", view, index);
      } else {
        out.printf(
            "%s: the previous index %s is kept (delete it with --delete-old next time, or DELETE /%s)%n",
            view, index, index);
      }
    }

    @Override
    public void finished(Outcome outcome, String detail) {
      switch (outcome) {
        case SWAPPED -> {}
        case VERIFIED_DRY_RUN -> out.printf("%s: %s%n", view, detail);
        case VERIFICATION_FAILED -> {
          err.printf(
              "%s: documents that differ: %s%n", view, lastDiffering.stream().limit(10).toList());
          err.printf("%s: %s%n", view, detail);
        }
        case RULES_BROKEN -> err.printf("%s: %s%n", view, detail);
      }
    }
  }
}
