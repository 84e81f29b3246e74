package com.example.trading.projections.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.ViewStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Rebuilds of views started over HTTP ({@code /ops/views/{view}/rebuilds}): each runs on a thread
 * of its own in this process, under the same per-view lock as the replay CLI, and its {@link
 * RebuildStatus} is kept in Elasticsearch ({@value #INDEX}) at each phase, at the end, and every
 * {@link #HEARTBEAT} while it runs. So any instance answers for any rebuild, and one whose process
 * stopped shows as {@code ABANDONED} once its status is older than {@link #ABANDONED_AFTER}.
 */
@Component
public class RebuildRuns implements DisposableBean {

  static final String INDEX = "projection-rebuilds";
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
  static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);
  private static final int RECENT = 10;
  private static final Logger log = LoggerFactory.getLogger(RebuildRuns.class);

  /** What an operator asks for. */
  public record Request(
      View<?> view,
      boolean dryRun,
      boolean deleteOld,
      boolean force,
      int bufferDocuments,
      String requestedBy,
      String reason) {}

  /** Whether a rebuild started. */
  public sealed interface Start {}

  /** It runs; this is how it stood when it started. */
  public record Started(RebuildStatus status) implements Start {}

  /** Another rebuild of the view holds its lock (as the holder wrote it). */
  public record AlreadyRunning(String holder) implements Start {}

  private final ViewRebuilder rebuilder;
  private final ViewStore store;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, RecordedRebuild> running = new ConcurrentHashMap<>();
  private final AtomicBoolean indexReady = new AtomicBoolean();
  private final ExecutorService rebuilds =
      Executors.newCachedThreadPool(Thread.ofPlatform().name("view-rebuild-", 0).factory());
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("view-rebuild-heartbeat").daemon().factory());

  RebuildRuns(ViewRebuilder rebuilder, ViewStore store) {
    this.rebuilder = rebuilder;
    this.store = store;
    heartbeat.scheduleWithFixedDelay(
        this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes the view's lock and starts its rebuild, unless another one holds the lock. */
  public Start start(Request request) throws IOException {
    View<?> view = request.view();
    Optional<String> holder =
        rebuilder.lock(view, request.requestedBy() + ": " + request.reason(), request.force());
    if (holder.isPresent()) {
      return new AlreadyRunning(holder.get());
    }
    RecordedRebuild recorded =
        new RecordedRebuild(
            UUID.randomUUID().toString(),
            view.name(),
            store.alias(view),
            request.dryRun(),
            request.deleteOld(),
            request.requestedBy(),
            request.reason(),
            clock,
            changed -> record(changed, true));
    record(recorded, true);
    RebuildStatus first = recorded.snapshot();
    running.put(first.id(), recorded);
    try {
      rebuilds.execute(() -> run(request, recorded));
    } catch (RuntimeException e) {
      // Refused (the service is stopping): nothing runs, so nothing holds the lock.
      running.remove(first.id());
      rebuilder.unlock(view);
      recorded.failed(e);
      throw e;
    }
    return new Started(first);
  }

  /** The rebuild {@code id} of {@code view}, as it stands. */
  public Optional<RebuildStatus> find(View<?> view, String id) throws IOException {
    RecordedRebuild here = running.get(id);
    if (here != null) {
      return Optional.of(here.snapshot()).filter(status -> status.view().equals(view.name()));
    }
    try {
      RebuildStatus stored =
          store.client().get(g -> g.index(INDEX).id(id), RebuildStatus.class).source();
      return Optional.ofNullable(stored)
          .filter(status -> status.alias().equals(store.alias(view)))
          .map(this::asSeenNow);
    } catch (IOException | RuntimeException e) {
      if (ElasticsearchErrors.isStatus(e, 404)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The view's latest rebuilds, newest first. */
  public List<RebuildStatus> recent(View<?> view) throws IOException {
    List<RebuildStatus> found = new ArrayList<>();
    try {
      for (Hit<RebuildStatus> hit :
          store
              .client()
              .search(
                  s ->
                      s.index(INDEX)
                          .size(RECENT)
                          .query(q -> q.term(t -> t.field("alias").value(store.alias(view))))
                          .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc))),
                  RebuildStatus.class)
              .hits()
              .hits()) {
        RecordedRebuild here = running.get(hit.id());
        found.add(here != null ? here.snapshot() : asSeenNow(hit.source()));
      }
    } catch (IOException | RuntimeException e) {
      if (!ElasticsearchErrors.isStatus(e, 404)) {
        throw e;
      }
    }
    found.sort(Comparator.comparing(RebuildStatus::startedAt).reversed());
    return found;
  }

  @Override
  public void destroy() {
    heartbeat.shutdownNow();
    rebuilds.shutdownNow();
  }

  private void run(Request request, RecordedRebuild recorded) {
    try {
      rebuilder.rebuild(
          request.view(),
          new ViewRebuilder.Options(
              request.dryRun(), request.deleteOld(), request.bufferDocuments()),
          recorded);
    } catch (Exception e) {
      log.warn("The rebuild of {} stopped on an error", request.view().name(), e);
      recorded.failed(e);
    } finally {
      rebuilder.unlock(request.view());
      running.remove(recorded.id());
    }
    record(recorded, true);
  }

  /** A status another process left running and stopped writing is abandoned. */
  private RebuildStatus asSeenNow(RebuildStatus stored) {
    if (stored.state() == RebuildStatus.State.RUNNING
        && stored.updatedAt().isBefore(clock.instant().minus(ABANDONED_AFTER))) {
      return stored.abandoned(
          "the process running it stopped reporting at "
              + stored.updatedAt()
              + "; its lock stays until a rebuild of the view is started with force");
    }
    return stored;
  }

  private void beat() {
    running.values().forEach(recorded -> record(recorded, false));
  }

  /**
   * Records the rebuild's status as it is now, holding its monitor (so records follow each other in
   * order); a failure is logged (the rebuild goes on, and the next record may pass).
   */
  private void record(RecordedRebuild recorded, boolean searchableAtOnce) {
    synchronized (recorded) {
      write(recorded.snapshot(), searchableAtOnce);
    }
  }

  private void write(RebuildStatus status, boolean searchableAtOnce) {
    try {
      ElasticsearchClient client = store.client();
      ensureIndex(client);
      client.index(
          i ->
              i.index(INDEX)
                  .id(status.id())
                  .document(status)
                  .refresh(searchableAtOnce ? Refresh.True : Refresh.False));
    } catch (IOException | RuntimeException e) {
      log.warn("Could not record the status of rebuild {}: {}", status.id(), e.toString());
    }
  }

  private void ensureIndex(ElasticsearchClient client) throws IOException {
    if (indexReady.get()) {
      return;
    }
    try {
      client
          .indices()
          .create(
              c ->
                  c.index(INDEX)
                      .mappings(
                          m ->
                              m.dynamic(DynamicMapping.False)
                                  .properties("alias", p -> p.keyword(k -> k))
                                  .properties("view", p -> p.keyword(k -> k))
                                  .properties("startedAt", p -> p.date(d -> d))));
    } catch (IOException | RuntimeException e) {
      if (!ElasticsearchErrors.isStatus(e, 400)) {
        throw e;
      }
      // It exists already (resource_already_exists_exception).
    }
    indexReady.set(true);
  }
}
