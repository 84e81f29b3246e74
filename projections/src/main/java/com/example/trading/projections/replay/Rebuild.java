package com.example.trading.projections.replay;

import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.Partition;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicScan;
import com.example.trading.projections.pipeline.EventDecoder;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Builds one view into a fresh index from the beginning of its topics, with no consumer group (it
 * commits nothing, so the live projection is undisturbed), up to target offsets: at least the
 * topics' end at the start and the live projection's committed offsets. Not thread-safe; one
 * rebuild per instance.
 */
final class Rebuild<D> {

  private final View<D> view;
  private final ViewStore store;
  private final EventDecoder decoder;
  private final TopicScan scan;
  private final KafkaCluster cluster;
  private final String liveGroup;
  private final String index;
  private long applied;
  private long unreadable;

  Rebuild(
      View<D> view,
      ViewStore store,
      EventDecoder decoder,
      TopicScan scan,
      KafkaCluster cluster,
      String liveGroup,
      String index) {
    this.view = view;
    this.store = store;
    this.decoder = decoder;
    this.scan = scan;
    this.cluster = cluster;
    this.liveGroup = liveGroup;
    this.index = index;
  }

  String index() {
    return index;
  }

  long applied() {
    return applied;
  }

  long unreadable() {
    return unreadable;
  }

  /** The offsets to reach: the end of each partition now, or the live projection's, if further. */
  Map<Partition, Long> targets() {
    Map<Partition, Long> targets = new HashMap<>(scan.ends());
    cluster
        .committedOffsets(liveGroup, scan.partitions())
        .forEach((partition, offset) -> targets.merge(partition, offset, Math::max));
    return targets;
  }

  /** Events from where the rebuild stands up to the targets. */
  long remaining(Map<Partition, Long> targets) {
    return scan.remainingTo(targets);
  }

  /**
   * The first pass: folds every event up to the targets in memory ({@link BulkLoad}, at most {@code
   * capacity} documents at a time) and writes each document once per flush; reports progress after
   * each batch. Only while nothing else writes the index. An event the view cannot apply (the live
   * projection dead-lettered it) is skipped: the pass goes back to where it last flushed and folds
   * again without it.
   */
  void load(Map<Partition, Long> targets, int capacity, LongConsumer progress) {
    BulkLoad<D> load = new BulkLoad<>(view, store, index, capacity, remaining(targets));
    Set<String> poisoned = new HashSet<>();
    Map<Partition, Long> flushedAt = Map.of();
    long appliedAtFlush = applied;
    long unreadableAtFlush = unreadable;
    while (remaining(targets) > 0) {
      List<ProjectedEvent> events = poll();
      int decoded = events.size();
      events.removeIf(event -> poisoned.contains(coordinates(event)));
      unreadable += decoded - events.size();
      try {
        if (load.apply(events)) {
          flushedAt = scan.positions();
          appliedAtFlush = applied + events.size();
          unreadableAtFlush = unreadable;
        }
      } catch (PoisonEventException poison) {
        // Counted when the next pass leaves it out.
        poisoned.add(coordinates(poison.event()));
        load.discard();
        scan.rewindTo(flushedAt);
        applied = appliedAtFlush;
        unreadable = unreadableAtFlush;
        continue;
      }
      applied += events.size();
      progress.accept(applied);
    }
    load.finish();
  }

  /**
   * Applies events up to the targets through the store's optimistic writes, searchable before the
   * checkpoints move: safe while the live projection writes the same index (after the swap).
   */
  void catchUp(Map<Partition, Long> targets) {
    while (remaining(targets) > 0) {
      List<ProjectedEvent> events = poll();
      applyAll(events);
      applied += events.size();
    }
  }

  private static String coordinates(ProjectedEvent event) {
    return event.topic() + "/" + event.partition() + "@" + event.offset();
  }

  private List<ProjectedEvent> poll() {
    List<ProjectedEvent> events = new ArrayList<>();
    for (ReceivedMessage record : scan.poll(Duration.ofMillis(500))) {
      try {
        events.add(decoder.decode(record));
      } catch (RuntimeException e) {
        unreadable++;
      }
    }
    return events;
  }

  private void applyAll(List<ProjectedEvent> events) {
    while (true) {
      try {
        store.applyBatch(view, index, events, ViewStore.Visibility.IMMEDIATE);
        return;
      } catch (PoisonEventException poison) {
        // The live projection dead-lettered it already; the rebuild skips it the same way.
        events.remove(poison.event());
        unreadable++;
      }
    }
  }
}
