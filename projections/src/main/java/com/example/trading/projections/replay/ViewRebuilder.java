package com.example.trading.projections.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
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
import com.example.trading.projections.pipeline.ConsumerGroups;
import com.example.trading.projections.pipeline.EventDecoder;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.replay.RebuildReport.Outcome;
import com.example.trading.projections.replay.RebuildReport.Phase;
import com.example.trading.projections.store.ViewStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rebuilds one view into a fresh index from the beginning of its topics while the live projection
 * keeps serving the old one, checks every rebuilt document by the view's rules, verifies it against
 * the live index (document counts, and a sample compared), then points the alias at it in one
 * atomic step and catches it up with what the live projection wrote meanwhile. Only one rebuild per
 * view runs at a time, across processes: a lock document in Elasticsearch ({@link #lock}). Used by
 * the replay CLI ({@link ReplayCommand}) and by rebuilds started over HTTP ({@link RebuildRuns}).
 */
@Component
public class ViewRebuilder {

  static final String LOCKS = "projection-rebuild-locks";
  private static final int SAMPLE = 200;

  /** How many documents of a rebuilt index are read at a time to check them. */
  private static final int CHECK_PAGE = 1_000;

  /** How a rebuild runs. */
  public record Options(boolean dryRun, boolean deleteOld, int bufferDocuments) {}

  private final ViewStore store;
  private final EventDecoder decoder;
  private final KafkaClientProperties kafka;
  private final TopicNames topics;
  private final KafkaCluster cluster;
  private final ConsumerGroups groups;

  ViewRebuilder(
      ViewStore store,
      EventDecoder decoder,
      KafkaClientProperties kafka,
      TopicNames topics,
      KafkaCluster cluster,
      ConsumerGroups groups) {
    this.store = store;
    this.decoder = decoder;
    this.kafka = kafka;
    this.topics = topics;
    this.cluster = cluster;
    this.groups = groups;
  }

  /**
   * Takes the view's rebuild lock for {@code by} (or over another holder's, with {@code force}: a
   * rebuild that died keeps its lock). Empty when taken; otherwise the lock as its holder wrote it.
   */
  public Optional<String> lock(View<?> view, String by, boolean force) throws IOException {
    ElasticsearchClient client = store.client();
    String alias = store.alias(view);
    Map<String, String> lock =
        Map.of(
            "alias",
            alias,
            "startedAt",
            Instant.now().toString(),
            "by",
            by,
            "host",
            ProcessHandle.current().pid() + "@" + InetAddress.getLocalHost().getHostName());
    try {
      if (force) {
        client.index(i -> i.index(LOCKS).id(alias).document(lock).refresh(Refresh.True));
      } else {
        client.create(c -> c.index(LOCKS).id(alias).document(lock).refresh(Refresh.True));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      if (ElasticsearchErrors.isStatus(e, 409)) {
        ObjectNode holder = client.get(g -> g.index(LOCKS).id(alias), ObjectNode.class).source();
        return Optional.of(String.valueOf(holder));
      }
      throw e;
    }
  }

  /** Gives the lock back; when that fails it stays, and {@code force} takes it over. */
  public void unlock(View<?> view) {
    try {
      store.client().delete(d -> d.index(LOCKS).id(store.alias(view)));
    } catch (IOException | RuntimeException e) {
      // The lock stays; force takes it over.
    }
  }

  /** Rebuilds {@code view}; the caller holds its lock ({@link #lock}). */
  public <D> Outcome rebuild(View<D> view, Options options, RebuildReport report)
      throws IOException {
    String alias = store.alias(view);
    Optional<String> live = store.indexBehindAlias(alias);
    String index = store.createIndex(view, true);
    report.started(index, live);
    report.phase(Phase.LOADING);
    try (TopicScan scan =
        new TopicScan(kafka, "replay", view.topics().stream().map(topics::of).toList())) {
      Rebuild<D> rebuild =
          new Rebuild<>(view, store, decoder, scan, cluster, groups.of(view), index);
      Map<Partition, Long> targets = rebuild.targets();
      long total = rebuild.remaining(targets);
      long started = System.nanoTime();
      rebuild.load(targets, options.bufferDocuments(), applied -> report.progress(applied, total));
      report.built(rebuild.applied(), (System.nanoTime() - started) / 1e9);
      report.phase(Phase.CATCHING_UP);
      store.finishBulkLoad(index);
      rebuild.catchUp(rebuild.targets());
      report.caughtUp(rebuild.applied(), rebuild.unreadable());

      report.phase(Phase.CHECKING_RULES);
      if (!documentsFollowTheirRules(view, index, report)) {
        return finish(
            report,
            Outcome.RULES_BROKEN,
            "the rebuilt documents break the view's rules; the alias still points at "
                + live.orElse("nothing")
                + "; the new index "
                + index
                + " is kept for inspection");
      }
      if (live.isPresent()) {
        report.phase(Phase.VERIFYING);
        if (!verify(view, rebuild, live.get(), index, report)) {
          return finish(
              report,
              Outcome.VERIFICATION_FAILED,
              "verification failed; the alias still points at "
                  + live.get()
                  + "; the new index "
                  + index
                  + " is kept for inspection");
        }
      }
      if (options.dryRun()) {
        store.deleteIndex(index);
        return finish(
            report,
            Outcome.VERIFIED_DRY_RUN,
            "dry run: verified, not swapped; " + index + " deleted");
      }
      report.phase(Phase.SWAPPING);
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
      report.swapped(alias, live, index);
      if (live.isPresent()) {
        if (options.deleteOld()) {
          store.deleteIndex(live.get());
        }
        report.previousIndex(live.get(), options.deleteOld());
      }
      return finish(report, Outcome.SWAPPED, "alias " + alias + " now points at " + index);
    }
  }

  private static Outcome finish(RebuildReport report, Outcome outcome, String detail) {
    report.phase(Phase.DONE);
    report.finished(outcome, detail);
    return outcome;
  }

  /**
   * Counts must match, and a sample of the live documents must equal the rebuilt ones; when the
   * live index holds another version of the view (its documents are another shape), the documents
   * both versions have ({@link View#comparedAcrossVersions}) are counted, and each sampled one must
   * exist in the rebuilt index. Three rounds, catching up between them: the live view may move on
   * meanwhile.
   */
  private <D> boolean verify(
      View<D> view, Rebuild<D> rebuild, String live, String rebuilt, RebuildReport report)
      throws IOException {
    ElasticsearchClient client = store.client();
    int liveVersion = store.versionOf(live);
    boolean byContent = liveVersion == view.version();
    if (!byContent) {
      report.comparedByPresence(liveVersion, view.version());
    }
    Query compared = byContent ? Checkpoint.NOT_A_CHECKPOINT : view.comparedAcrossVersions();
    for (int round = 1; round <= 3; round++) {
      client.indices().refresh(r -> r.index(live, rebuilt));
      long liveCount = count(live, compared);
      long rebuiltCount = count(rebuilt, compared);
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
                                          f.query(compared)
                                              .functions(fn -> fn.randomScore(r -> r)))),
                  ObjectNode.class)
              .hits()
              .hits();
      List<String> ids = sample.stream().map(Hit::id).toList();
      Map<String, ObjectNode> rebuiltDocs = new HashMap<>();
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
      report.verifyRound(round, liveCount, rebuiltCount, sample.size(), differing);
      if (liveCount == rebuiltCount && differing.isEmpty()) {
        return true;
      }
      rebuild.catchUp(rebuild.targets());
      sleep(1_000);
    }
    return false;
  }

  /** Reads every document of the rebuilt index and checks it by the view's rules. */
  private <D> boolean documentsFollowTheirRules(View<D> view, String index, RebuildReport report)
      throws IOException {
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
    report.rulesChecked(checked, broken.size(), broken.stream().limit(10).toList());
    return broken.isEmpty();
  }

  private long count(String index, Query documents) throws IOException {
    return store.client().count(c -> c.index(index).query(documents)).count();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
