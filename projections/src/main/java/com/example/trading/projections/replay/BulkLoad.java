package com.example.trading.projections.replay;

import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first pass of a rebuild, while nothing but the rebuild writes its new index: events are
 * folded into documents held in memory, and each document is written once per flush instead of
 * being read and written back for every batch of events that touches it (an order's events arrive
 * over several batches and two topics). A flush writes every held document, then the checkpoints of
 * what was folded, and empties the memory; it happens when {@code capacity} documents are held and
 * at the end of the pass. A document touched again after a flush is read back from the index; the
 * entries a view adds beside its documents are held and written with them.
 *
 * <p>A view may have changed a document in memory before it failed on an event, so an event it
 * cannot apply ends the load's memory: {@link #apply} throws, the caller {@link #discard}s what is
 * held and folds again from the last flush without that event. Not thread-safe.
 */
final class BulkLoad<D> {

  private final View<D> view;
  private final ViewStore store;
  private final String index;
  private final int capacity;
  private final Map<String, D> held = new HashMap<>();

  /**
   * The entries of what was folded since the last flush (see {@link View#entries}): written once,
   * never read back.
   */
  private final Map<String, D> entries = new HashMap<>();

  private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
  private boolean flushedBefore;

  BulkLoad(View<D> view, ViewStore store, String index, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the buffer must hold at least one document: " + capacity);
    }
    this.view = view;
    this.store = store;
    this.index = index;
    this.capacity = capacity;
  }

  /**
   * Folds the events into the held documents, flushing when the memory is full.
   *
   * @return whether it flushed: everything applied so far is then in the index
   * @throws PoisonEventException when the view cannot apply an event; what is held may be
   *     half-changed and must be {@linkplain #discard discarded}
   */
  boolean apply(List<ProjectedEvent> events) {
    Map<String, D> stored = flushedBefore ? readNotHeld(events) : Map.of();
    for (ProjectedEvent event : events) {
      Checkpoint.advance(checkpoints, event);
      String id = view.documentId(event.event());
      if (id == null) {
        continue;
      }
      D current = held.containsKey(id) ? held.get(id) : stored.get(id);
      D next;
      try {
        next = view.apply(current, event);
      } catch (RuntimeException e) {
        throw new PoisonEventException(event, e);
      }
      if (next != null) {
        held.put(id, next);
        try {
          entries.putAll(view.entries(next, event));
        } catch (RuntimeException e) {
          throw new PoisonEventException(event, e);
        }
      }
    }
    if (held.size() + entries.size() >= capacity) {
      flush();
      return true;
    }
    return false;
  }

  /** Writes every held document, then the checkpoints they reach. */
  void flush() {
    store.overwrite(index, held);
    store.overwrite(index, entries);
    store.writeCheckpoints(index, checkpoints.values());
    flushedBefore = true;
    discard();
  }

  /** Forgets what is held since the last flush (the index keeps what was flushed). */
  void discard() {
    held.clear();
    entries.clear();
    checkpoints.clear();
  }

  private Map<String, D> readNotHeld(List<ProjectedEvent> events) {
    Set<String> ids =
        events.stream()
            .map(event -> view.documentId(event.event()))
            .filter(id -> id != null && !held.containsKey(id))
            .collect(Collectors.toSet());
    return store.read(view, index, ids);
  }
}
