package com.example.trading.projections.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.ScrollResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.Partition;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicScan;
import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.EventDecoder;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.ViewStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay --view customer-orders|portfolios|accounts|account-activities|all [--dry-run]
 * [--delete-old] [--force] [--buffer N]}: rebuilds a view into a fresh index from the beginning of
 * its topics while the live projection keeps serving the old one, verifies it (document counts, and
 * a sample compared with the live index), then points the alias at it in one atomic step and
 * catches it up with what the live projection wrote meanwhile. Only one rebuild per view runs at a
 * time (a lock document). A prototype: one instance per run, since picocli fills its option fields.
 */
@Component
@Scope("prototype")
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Rebuild a view from the event topics and swap it in atomically.")
public class ReplayCommand implements Callable<Integer> {

  static final String LOCKS = "projection-rebuild-locks";
  private static final int SAMPLE = 200;

  /** How many documents of a rebuilt index are read at a time to check them. */
  private static final int CHECK_PAGE = 1_000;

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
  private final EventDecoder decoder;
  private final KafkaClientProperties kafka;
  private final TopicNames topics;
  private final KafkaCluster cluster;
  private final String groupPrefix;

  ReplayCommand(
      List<View<?>> views,
      ViewStore store,
      EventDecoder decoder,
      KafkaClientProperties kafka,
      TopicNames topics,
      KafkaCluster cluster,
      @Value("${trading.projections.group-prefix:projection}") String groupPrefix) {
    this.views = views;
    this.store = store;
    this.decoder = decoder;
    this.kafka = kafka;
    this.topics = topics;
    this.cluster = cluster;
    this.groupPrefix = groupPrefix;
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

  private <D> int rebuildOne(View<D> view, PrintWriter out, PrintWriter err) throws IOException {
    String alias = store.alias(view);
    if (!lock(alias, err)) {
      return 4;
    }
    try {
      Optional<String> live = store.indexBehindAlias(alias);
      String index = store.createIndex(view, true);
      out.printf("%s: rebuilding into %s (live: %s)%n", view.name(), index, live.orElse("none"));
      try (TopicScan scan =
          new TopicScan(kafka, "replay", view.topics().stream().map(topics::of).toList())) {
        Rebuild<D> rebuild =
            new Rebuild<>(
                view, store, decoder, scan, cluster, groupPrefix + "." + view.name(), index);
        Map<Partition, Long> targets = rebuild.targets();
        Progress progress = new Progress(out, rebuild.remaining(targets));
        rebuild.load(targets, bufferDocuments, progress::update);
        progress.finish();
        long built = rebuild.applied();
        out.printf(
            "%s: rebuilt from %,d events in %.1f s (%,.0f events/s)%n",
            view.name(), built, progress.seconds(), built / Math.max(progress.seconds(), 1e-3));
        store.finishBulkLoad(index);
        rebuild.catchUp(rebuild.targets());
        out.printf(
            "%s: applied %,d events (%d unreadable or unappliable, skipped)%n",
            view.name(), rebuild.applied(), rebuild.unreadable());

        if (!documentsFollowTheirRules(view, index, out, err)) {
          err.printf(
              "%s: the rebuilt documents break the view's rules; the alias still points at %s; the new index %s is kept"
                  + " for inspection%n",
              view.name(), live.orElse("nothing"), index);
          return 5;
        }
        if (live.isPresent() && !verify(view, rebuild, live.get(), index, out, err)) {
          err.printf(
              "%s: verification failed; the alias still points at %s; the new index %s is kept for inspection%n",
              view.name(), live.get(), index);
          return 5;
        }
        if (dryRun) {
          store.deleteIndex(index);
          out.printf("%s: dry run: verified, not swapped; %s deleted%n", view.name(), index);
          return 0;
        }
        if (live.isPresent()) {
          store.swapAlias(alias, live.get(), index);
        } else {
          store
              .client()
              .indices()
              .updateAliases(u -> u.actions(a -> a.add(add -> add.index(index).alias(alias))));
        }
        // The live projection may have written a batch to the old index just before the swap:
        // take everything it has committed since into the new one (applying twice changes nothing).
        for (int round = 0; round < 2; round++) {
          sleep(1_000);
          rebuild.catchUp(rebuild.targets());
        }
        out.printf("%s: alias %s now points at %s%n", view.name(), alias, index);
        if (live.isPresent()) {
          if (deleteOld) {
            store.deleteIndex(live.get());
            out.printf("%s: deleted the previous index %s%n", view.name(), live.get());
          } else {
            out.printf(
                "%s: the previous index %s is kept (delete it with --delete-old next time, or DELETE /%s)%n",
                view.name(), live.get(), live.get());
          }
        }
        return 0;
      }
    } finally {
      unlock(alias);
    }
  }

  /**
   * Counts must match, and a sample of the live documents must equal the rebuilt ones; when the
   * live index holds another version of the view (its documents are another shape), each sampled
   * document must exist in the rebuilt index.
   */
  private <D> boolean verify(
      View<D> view,
      Rebuild<D> rebuild,
      String live,
      String rebuilt,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    ElasticsearchClient client = store.client();
    int liveVersion = store.versionOf(live);
    boolean byContent = liveVersion == view.version();
    if (!byContent) {
      out.printf(
          "%s: the live index holds version %d of the view, the rebuild version %d: documents are compared by"
              + " count and presence, not content%n",
          view.name(), liveVersion, view.version());
    }
    List<String> mismatches = List.of();
    for (int round = 1; round <= 3; round++) {
      client.indices().refresh(r -> r.index(live, rebuilt));
      long liveCount = count(live);
      long rebuiltCount = count(rebuilt);
      var sample =
          client
              .search(
                  s ->
                      s.index(live)
                          .size(SAMPLE)
                          .query(
                              q ->
                                  q.functionScore(
                                      f ->
                                          f.query(Checkpoint.NOT_A_CHECKPOINT)
                                              .functions(fn -> fn.randomScore(r -> r)))),
                  ObjectNode.class)
              .hits()
              .hits();
      List<String> ids = sample.stream().map(Hit::id).toList();
      Map<String, ObjectNode> rebuiltDocs = new java.util.HashMap<>();
      if (!ids.isEmpty()) {
        client
            .mget(m -> m.index(rebuilt).ids(ids), ObjectNode.class)
            .docs()
            .forEach(
                item -> {
                  if (item.isResult() && item.result().found()) {
                    rebuiltDocs.put(item.result().id(), item.result().source());
                  }
                });
      }
      List<String> differing = new ArrayList<>();
      for (Hit<ObjectNode> hit : sample) {
        ObjectNode rebuiltDoc = rebuiltDocs.get(hit.id());
        if (byContent ? !hit.source().equals(rebuiltDoc) : rebuiltDoc == null) {
          differing.add(hit.id());
        }
      }
      out.printf(
          "%s: verify round %d: live %,d documents, rebuilt %,d; sample of %d: %d differ%n",
          view.name(), round, liveCount, rebuiltCount, sample.size(), differing.size());
      if (liveCount == rebuiltCount && differing.isEmpty()) {
        return true;
      }
      mismatches = differing;
      // The live view may have moved on meanwhile: catch up and look again.
      rebuild.catchUp(rebuild.targets());
      sleep(1_000);
    }
    err.printf(
        "%s: documents that differ: %s%n", view.name(), mismatches.stream().limit(10).toList());
    return false;
  }

  /**
   * Reads every document of the rebuilt index and checks it by the view's rules ({@link
   * View#violations}); prints the first ten that break them.
   */
  private <D> boolean documentsFollowTheirRules(
      View<D> view, String index, PrintWriter out, PrintWriter err) throws IOException {
    ElasticsearchClient client = store.client();
    client.indices().refresh(r -> r.index(index));
    long checked = 0;
    List<String> broken = new ArrayList<>();
    SearchResponse<D> first =
        client.search(
            s ->
                s.index(index)
                    .scroll(t -> t.time("2m"))
                    .size(CHECK_PAGE)
                    .query(Checkpoint.NOT_A_CHECKPOINT),
            view.documentType());
    String scrollId = first.scrollId();
    List<Hit<D>> hits = first.hits().hits();
    try {
      while (!hits.isEmpty()) {
        for (Hit<D> hit : hits) {
          checked++;
          List<String> violations =
              hit.source() == null ? List.of() : view.violations(hit.source());
          if (!violations.isEmpty()) {
            broken.add(hit.id() + ": " + String.join("; ", violations));
          }
        }
        String current = scrollId;
        ScrollResponse<D> next =
            client.scroll(s -> s.scrollId(current).scroll(t -> t.time("2m")), view.documentType());
        scrollId = next.scrollId();
        hits = next.hits().hits();
      }
    } finally {
      String last = scrollId;
      if (last != null) {
        client.clearScroll(c -> c.scrollId(last));
      }
    }
    out.printf(
        "%s: checked %,d rebuilt documents by the view's rules: %d break them%n",
        view.name(), checked, broken.size());
    if (!broken.isEmpty()) {
      err.printf(
          "%s: documents that break the view's rules: %s%n",
          view.name(), broken.stream().limit(10).toList());
    }
    return broken.isEmpty();
  }

  private long count(String index) throws IOException {
    return store.client().count(c -> c.index(index).query(Checkpoint.NOT_A_CHECKPOINT)).count();
  }

  private boolean lock(String alias, PrintWriter err) throws IOException {
    ElasticsearchClient client = store.client();
    Map<String, String> lock =
        Map.of(
            "alias",
            alias,
            "startedAt",
            Instant.now().toString(),
            "host",
            ProcessHandle.current().pid()
                + "@"
                + java.net.InetAddress.getLocalHost().getHostName());
    try {
      if (force) {
        client.index(
            i ->
                i.index(LOCKS)
                    .id(alias)
                    .document(lock)
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
      } else {
        client.create(
            c ->
                c.index(LOCKS)
                    .id(alias)
                    .document(lock)
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (ElasticsearchErrors.isStatus(e, 409)) {
        var holder = client.get(g -> g.index(LOCKS).id(alias), ObjectNode.class).source();
        err.printf(
            "error: a rebuild of %s is already running (%s); if it died, run again with --force%n",
            alias, holder);
        return false;
      }
      throw e;
    }
  }

  private void unlock(String alias) {
    try {
      store.client().delete(d -> d.index(LOCKS).id(alias));
    } catch (IOException | RuntimeException e) {
      // The lock stays; --force takes it over.
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A one-line progress bar: done/total, events per second, time left. */
  static final class Progress {
    private final PrintWriter out;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPrint;

    Progress(PrintWriter out, long total) {
      this.out = out;
      this.total = Math.max(total, 1);
    }

    void update(long done) {
      long now = System.nanoTime();
      if (now - lastPrint < Duration.ofMillis(250).toNanos() && done < total) {
        return;
      }
      lastPrint = now;
      double seconds = Math.max((now - started) / 1e9, 1e-3);
      double rate = done / seconds;
      long left = rate > 0 ? (long) ((total - Math.min(done, total)) / rate) : 0;
      int width = 30;
      int filled = (int) Math.min(width, width * done / total);
      out.printf(
          "\r[%s%s] %,d/%,d events  %,.0f ev/s  ETA %02d:%02d ",
          "#".repeat(filled), " ".repeat(width - filled), done, total, rate, left / 60, left % 60);
      out.flush();
    }

    private double seconds;

    void finish() {
      seconds = (System.nanoTime() - started) / 1e9;
      out.printf("%n");
      out.flush();
    }

    /** How long the build took, once finished. */
    double seconds() {
      return seconds;
    }
  }
}
