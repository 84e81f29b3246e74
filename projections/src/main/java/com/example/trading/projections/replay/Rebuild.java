package com.example.trading.projections.replay;

import com.example.trading.platform.kafka.TopicNames;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

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
  private final Consumer<String, byte[]> consumer;
  private final Admin admin;
  private final TopicNames topics;
  private final String liveGroup;
  private final String index;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private long applied;
  private long unreadable;

  Rebuild(
      View<D> view,
      ViewStore store,
      EventDecoder decoder,
      Consumer<String, byte[]> consumer,
      Admin admin,
      TopicNames topics,
      String liveGroup,
      String index) {
    this.view = view;
    this.store = store;
    this.decoder = decoder;
    this.consumer = consumer;
    this.admin = admin;
    this.topics = topics;
    this.liveGroup = liveGroup;
    this.index = index;
    for (String topic : view.topics()) {
      consumer
          .partitionsFor(topics.of(topic), Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
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
  Map<TopicPartition, Long> targets() {
    Map<TopicPartition, Long> targets =
        new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    liveCommittedOffsets()
        .forEach((partition, offset) -> targets.merge(partition, offset, Math::max));
    return targets;
  }

  /** Events from where the rebuild stands up to the targets. */
  long remaining(Map<TopicPartition, Long> targets) {
    long remaining = 0;
    for (TopicPartition partition : partitions) {
      remaining += Math.max(0, targets.getOrDefault(partition, 0L) - consumer.position(partition));
    }
    return remaining;
  }

  /**
   * The first pass: folds every event up to the targets in memory ({@link BulkLoad}, at most {@code
   * capacity} documents at a time) and writes each document once per flush; reports progress after
   * each batch. Only while nothing else writes the index. An event the view cannot apply (the live
   * projection dead-lettered it) is skipped: the pass goes back to where it last flushed and folds
   * again without it.
   */
  void load(Map<TopicPartition, Long> targets, int capacity, LongConsumer progress) {
    BulkLoad<D> load = new BulkLoad<>(view, store, index, capacity);
    Set<String> poisoned = new HashSet<>();
    Map<TopicPartition, Long> flushedAt = Map.of();
    long appliedAtFlush = applied;
    long unreadableAtFlush = unreadable;
    while (remaining(targets) > 0) {
      List<ProjectedEvent> events = poll();
      int decoded = events.size();
      events.removeIf(event -> poisoned.contains(coordinates(event)));
      unreadable += decoded - events.size();
      try {
        if (load.apply(events)) {
          flushedAt = positions();
          appliedAtFlush = applied + events.size();
          unreadableAtFlush = unreadable;
        }
      } catch (PoisonEventException poison) {
        // Counted when the next pass leaves it out.
        poisoned.add(coordinates(poison.event()));
        load.discard();
        rewindTo(flushedAt);
        applied = appliedAtFlush;
        unreadable = unreadableAtFlush;
        continue;
      }
      applied += events.size();
      progress.accept(applied);
    }
    load.flush();
  }

  /**
   * Applies events up to the targets through the store's optimistic writes, searchable before the
   * checkpoints move: safe while the live projection writes the same index (after the swap).
   */
  void catchUp(Map<TopicPartition, Long> targets) {
    while (remaining(targets) > 0) {
      List<ProjectedEvent> events = poll();
      applyAll(events);
      applied += events.size();
    }
  }

  private static String coordinates(ProjectedEvent event) {
    return event.topic() + "/" + event.partition() + "@" + event.offset();
  }

  private Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
    return positions;
  }

  /** Back to {@code positions}; partitions not in it go back to their beginning. */
  private void rewindTo(Map<TopicPartition, Long> positions) {
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long position = positions.get(partition);
      if (position == null) {
        fromStart.add(partition);
      } else {
        consumer.seek(partition, position);
      }
    }
    consumer.seekToBeginning(fromStart);
  }

  private List<ProjectedEvent> poll() {
    List<ProjectedEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
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

  private Map<TopicPartition, Long> liveCommittedOffsets() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(
                  Map.of(liveGroup, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
              .partitionsToOffsetAndMetadata(liveGroup)
              .get();
      Map<TopicPartition, Long> offsets = new HashMap<>();
      committed.forEach(
          (partition, offset) -> {
            if (offset != null) {
              offsets.put(partition, offset.offset());
            }
          });
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the live projection's offsets (" + liveGroup + "): " + e.getMessage(), e);
    }
  }
}
