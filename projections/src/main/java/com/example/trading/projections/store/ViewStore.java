package com.example.trading.projections.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import co.elastic.clients.json.JsonData;
import com.example.trading.platform.elasticsearch.NdjsonBulk;
import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The views' Elasticsearch side: indices behind aliases with the views' mappings, and batches of
 * events applied idempotently.
 *
 * <p>A batch reads the documents it touches (realtime get), folds the events into them, and writes
 * them back with optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}, or {@code
 * create} for new ones); a lost race re-reads and folds again, which changes nothing twice because
 * each document records the aggregate sequences it reflects. Only after the documents are written
 * (and, for live views, searchable) are the partitions' checkpoints written.
 */
@Component
public class ViewStore {

  private static final DateTimeFormatter INDEX_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final int MAX_ATTEMPTS = 10;
  private static final int BULK_DOCUMENTS = 5_000;
  private static final int BULKS_IN_FLIGHT = 2;

  /**
   * The index mapping's {@code _meta} field with the version of the view the index was built for.
   */
  public static final String VERSION_META = "viewVersion";

  private final ElasticsearchClient client;
  private final NdjsonBulk bulkLoad;
  private final Clock clock;
  private final String indexPrefix;
  private final String refreshInterval;

  /**
   * @param refreshInterval how often a live view's index refreshes (Elasticsearch time units): a
   *     batch written with {@link Visibility#NEXT_REFRESH} waits for the next one before its
   *     checkpoints are written. Each refresh writes a new segment (its files created and later
   *     merged away), half of Elasticsearch's CPU under load at 100 ms; at 1 s a refresh serves
   *     many events, and a batch that must be seen at once asks for {@link Visibility#IMMEDIATE}
   */
  @Autowired
  public ViewStore(
      ElasticsearchClient client,
      @Value("${trading.views.index-prefix:}") String indexPrefix,
      @Value("${trading.views.refresh-interval:1s}") String refreshInterval) {
    this(client, Clock.systemUTC(), indexPrefix, refreshInterval);
  }

  ViewStore(ElasticsearchClient client, Clock clock, String indexPrefix, String refreshInterval) {
    this.client = client;
    this.bulkLoad = new NdjsonBulk(client);
    this.clock = clock;
    this.indexPrefix = indexPrefix;
    this.refreshInterval = refreshInterval;
  }

  /** The alias a view is read and written through: its name, after the configured prefix. */
  public String alias(View<?> view) {
    return indexPrefix + view.name();
  }

  public ElasticsearchClient client() {
    return client;
  }

  /**
   * Makes sure the view's alias points at an index, creating the first one when none exists, and
   * that the live index refreshes at the configured interval.
   *
   * @throws ViewVersionMismatchException when the live index holds another version of the view
   */
  public void ensureAlias(View<?> view) {
    Optional<String> live = indexBehindAlias(alias(view));
    if (live.isPresent()) {
      requireVersion(view, live.get());
      try {
        client
            .indices()
            .putSettings(
                p ->
                    p.index(live.get())
                        .settings(s -> s.refreshInterval(t -> t.time(refreshInterval))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    String index = createIndex(view, false);
    try {
      client
          .indices()
          .updateAliases(u -> u.actions(a -> a.add(add -> add.index(index).alias(alias(view)))));
    } catch (IOException | RuntimeException e) {
      // Another instance may have created the alias first: use theirs.
      deleteIndex(index);
      if (indexBehindAlias(alias(view)).isEmpty()) {
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
    }
  }

  /**
   * Refuses an index built for another version of the view.
   *
   * @throws ViewVersionMismatchException when {@code index} holds another version than {@code
   *     view}'s
   */
  public void requireVersion(View<?> view, String index) {
    int found = versionOf(index);
    if (found != view.version()) {
      throw new ViewVersionMismatchException(view.name(), index, found, view.version());
    }
  }

  /**
   * The version of its view an index was built for (its mapping's {@code _meta}); 1 for an index
   * from before versions.
   */
  public int versionOf(String index) {
    try {
      var mapping =
          client
              .indices()
              .getMapping(g -> g.index(index))
              .result()
              .values()
              .iterator()
              .next()
              .mappings();
      JsonData version = mapping.meta().get(VERSION_META);
      return version == null ? 1 : version.to(Integer.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a new, empty index for the view ({@code <view>-<timestamp>}); for a bulk load, without
   * refreshes and replicas until {@link #finishBulkLoad}.
   */
  public String createIndex(View<?> view, boolean forBulkLoad) {
    String index = alias(view) + "-" + INDEX_SUFFIX.format(clock.instant());
    try {
      TypeMapping mapping = view.mapping();
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .mappings(
                          m ->
                              m.dynamic(mapping.dynamic())
                                  .properties(mapping.properties())
                                  .meta(
                                      Map.of(
                                          "view",
                                          JsonData.of(view.name()),
                                          VERSION_META,
                                          JsonData.of(view.version()))))
                      .settings(
                          s ->
                              s.numberOfShards("1")
                                  .numberOfReplicas("0")
                                  .refreshInterval(
                                      t -> t.time(forBulkLoad ? "-1" : refreshInterval))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }

  public void finishBulkLoad(String index) {
    try {
      client
          .indices()
          .putSettings(
              p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time(refreshInterval))));
      client.indices().refresh(r -> r.index(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<String> indexBehindAlias(String alias) {
    try {
      if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
        return Optional.empty();
      }
      Map<String, IndexAliases> aliases = client.indices().getAlias(g -> g.name(alias)).result();
      return aliases.keySet().stream().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points {@code alias} at {@code to} instead of {@code from} in one atomic step. */
  public void swapAlias(String alias, String from, String to) {
    try {
      client
          .indices()
          .updateAliases(
              u ->
                  u.actions(a -> a.remove(r -> r.index(from).alias(alias)))
                      .actions(a -> a.add(add -> add.index(to).alias(alias))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void deleteIndex(String index) {
    try {
      client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** When a batch's documents are visible to searches, before its checkpoints are written. */
  public enum Visibility {
    /** Not waited for (a bulk load: its index refreshes when the load is finished). */
    NOT_AWAITED,
    /** At the index's next scheduled refresh ({@code refresh=wait_for}). */
    NEXT_REFRESH,
    /** At once: the bulk refreshes the shards it wrote ({@code refresh=true}). */
    IMMEDIATE
  }

  /**
   * Applies a batch of events to the view's documents in {@code target} (an alias or an index) and
   * then records the checkpoints of the batch's partitions.
   *
   * @param visibility when the written documents must be visible to searches (live views, for
   *     read-your-writes: the checkpoints say what a search sees)
   * @throws PoisonEventException when the view cannot apply one event; nothing of the batch's
   *     checkpoints is written
   */
  public <D> void applyBatch(
      View<D> view, String target, List<ProjectedEvent> events, Visibility visibility) {
    Map<String, List<ProjectedEvent>> byDocument = new LinkedHashMap<>();
    // The entries of events that fold into no document: the same whenever they are written.
    Map<String, D> unfolded = new LinkedHashMap<>();
    for (ProjectedEvent event : events) {
      String id = view.documentId(event.event());
      if (id != null) {
        byDocument.computeIfAbsent(id, key -> new ArrayList<>()).add(event);
      } else {
        try {
          unfolded.putAll(view.entries(null, event));
        } catch (RuntimeException e) {
          throw new PoisonEventException(event, e);
        }
      }
    }
    for (int attempt = 1; !byDocument.isEmpty() || !unfolded.isEmpty(); attempt++) {
      List<String> conflicts = writeOnce(view, target, byDocument, unfolded, visibility);
      unfolded = Map.of();
      if (conflicts.isEmpty()) {
        break;
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new IllegalStateException(
            "documents kept changing under the projection: " + conflicts);
      }
      byDocument.keySet().retainAll(conflicts);
    }
    writeCheckpoints(target, events);
  }

  /**
   * Folds each document's events into it and writes it if that changed it, guarded by its sequence
   * number, with the entries the events added and {@code unfolded}; returns the ids of documents
   * that changed meanwhile.
   */
  private <D> List<String> writeOnce(
      View<D> view,
      String target,
      Map<String, List<ProjectedEvent>> byDocument,
      Map<String, D> unfolded,
      Visibility visibility) {
    Map<String, MultiGetResponseItem<D>> current = new HashMap<>();
    if (!byDocument.isEmpty()) {
      try {
        List<String> ids = new ArrayList<>(byDocument.keySet());
        client
            .mget(m -> m.index(target).ids(ids), view.documentType())
            .docs()
            .forEach(item -> current.put(item.result().id(), item));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    boolean anything = !unfolded.isEmpty();
    unfolded.forEach(
        (entryId, written) ->
            bulk.operations(op -> op.index(i -> i.index(target).id(entryId).document(written))));
    for (var entry : byDocument.entrySet()) {
      var item = current.get(entry.getKey());
      boolean exists = item != null && item.isResult() && item.result().found();
      D document = exists ? item.result().source() : null;
      boolean changed = false;
      Map<String, D> entries = new LinkedHashMap<>();
      for (ProjectedEvent event : entry.getValue()) {
        D next;
        try {
          next = view.apply(document, event);
          if (next != null) {
            entries.putAll(view.entries(next, event));
          }
        } catch (RuntimeException e) {
          throw new PoisonEventException(event, e);
        }
        if (next != null) {
          document = next;
          changed = true;
        }
      }
      if (!changed) {
        continue;
      }
      anything = true;
      // Entries are the same whoever writes them (see View#entries): written as they are.
      entries.forEach(
          (entryId, written) ->
              bulk.operations(op -> op.index(i -> i.index(target).id(entryId).document(written))));
      D finalDocument = document;
      String id = entry.getKey();
      if (exists) {
        long seqNo = item.result().seqNo();
        long primaryTerm = item.result().primaryTerm();
        bulk.operations(
            op ->
                op.index(
                    i ->
                        i.index(target)
                            .id(id)
                            .document(finalDocument)
                            .ifSeqNo(seqNo)
                            .ifPrimaryTerm(primaryTerm)));
      } else {
        bulk.operations(op -> op.create(c -> c.index(target).id(id).document(finalDocument)));
      }
    }
    if (!anything) {
      return List.of();
    }
    switch (visibility) {
      case NOT_AWAITED -> {}
      case NEXT_REFRESH -> bulk.refresh(Refresh.WaitFor);
      case IMMEDIATE -> bulk.refresh(Refresh.True);
    }
    BulkResponse response;
    try {
      response = client.bulk(bulk.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> conflicts = new ArrayList<>();
    for (BulkResponseItem item : response.items()) {
      if (item.error() == null) {
        continue;
      }
      if (item.status() == 409) {
        conflicts.add(item.id());
      } else {
        throw new IllegalStateException(
            "Elasticsearch refused " + item.id() + ": " + item.error().reason());
      }
    }
    return conflicts;
  }

  private void writeCheckpoints(String target, List<ProjectedEvent> events) {
    Map<String, Checkpoint> newest = new LinkedHashMap<>();
    events.forEach(event -> Checkpoint.advance(newest, event));
    writeCheckpoints(target, newest.values());
  }

  /**
   * Writes the partitions' checkpoints (call it only once the documents they cover are written).
   */
  public void writeCheckpoints(String target, Collection<Checkpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    checkpoints.forEach(
        checkpoint ->
            bulk.operations(
                op ->
                    op.index(
                        i ->
                            i.index(target)
                                .id(
                                    Checkpoint.documentId(
                                        checkpoint.topic(), checkpoint.partition()))
                                .document(checkpoint))));
    try {
      BulkResponse response = client.bulk(bulk.build());
      if (response.errors()) {
        throw new IllegalStateException("could not write checkpoints to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The documents of {@code ids} that exist in {@code target} (realtime: refreshes are not needed).
   */
  public <D> Map<String, D> read(View<D> view, String target, Collection<String> ids) {
    Map<String, D> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try {
      client
          .mget(m -> m.index(target).ids(List.copyOf(ids)), view.documentType())
          .docs()
          .forEach(
              item -> {
                if (item.isResult() && item.result().found()) {
                  found.put(item.result().id(), item.result().source());
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * Writes documents as they are, without concurrency control: only for an index that nothing else
   * writes (a rebuild's before its alias is swapped), in bulks of {@value #BULK_DOCUMENTS}, {@value
   * #BULKS_IN_FLIGHT} at a time.
   */
  public <D> void overwrite(String index, Map<String, D> documents) {
    try {
      awaitWritten(
          bulkLoad
              .prepare(index, List.copyOf(documents.entrySet()), BULK_DOCUMENTS, BULKS_IN_FLIGHT)
              .send());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bulk bodies that write documents as {@link #overwrite} does, each document written into them as
   * it is added (it may change once added); {@link #sendOverwrite} sends what was added, and {@link
   * #awaitWritten} waits until Elasticsearch has indexed it all.
   */
  public NdjsonBulk.Bodies overwriteBodies(String index) {
    return bulkLoad.bodies(index, BULK_DOCUMENTS);
  }

  /** Sends every document added to {@code bodies} since they were last sent. */
  public CompletableFuture<Void> sendOverwrite(NdjsonBulk.Bodies bodies) {
    return bodies.prepare(BULKS_IN_FLIGHT).send();
  }

  /**
   * Sends the full bulks of {@code bodies} (see {@link NdjsonBulk.Bodies#hasFullBody}); the one
   * being filled stays.
   */
  public CompletableFuture<Void> sendFullBulks(NdjsonBulk.Bodies bodies) {
    return bodies.prepareFull(BULKS_IN_FLIGHT).send();
  }

  /** Waits for {@linkplain #sendOverwrite bulks} sent, failing as {@link #overwrite} does. */
  public static void awaitWritten(CompletableFuture<Void> written) {
    try {
      NdjsonBulk.await(written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint of one partition in a view index or alias, if any. */
  public Optional<Checkpoint> checkpoint(String target, String topic, int partition) {
    try {
      var response =
          client.get(
              g -> g.index(target).id(Checkpoint.documentId(topic, partition)), Checkpoint.class);
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
