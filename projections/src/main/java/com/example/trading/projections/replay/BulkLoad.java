package com.example.trading.projections.replay;

import com.example.trading.platform.elasticsearch.NdjsonBulk;
import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The first pass of a rebuild, while nothing but the rebuild writes its new index: events are
 * folded into documents held in memory, and each document is written once per flush instead of
 * being read and written back for every batch of events that touches it (an order's events arrive
 * over several batches and two topics). A flush writes every held document, then the checkpoints of
 * what was folded, and empties the memory; it happens when {@code capacity} documents are held and
 * at the end of the pass.
 *
 * <p>A flush only starts the writing: its bulks are built at once, and Elasticsearch indexes them
 * while the next events are folded. One flush is in flight at a time: the next waits for it (two
 * could otherwise write one document in either order), and so does everything that needs the index
 * as written ({@link #finish}, {@link #discard}, reading a document back). A flush's checkpoints
 * are written when its documents are, so they never cover a document not yet written.
 *
 * <p>The documents a flush wrote stay in memory as written (up to {@code capacity} of them, the
 * least recently used go first), so a document touched again after a flush is read back from the
 * index only when it was forgotten. The entries a view adds beside its documents are never read
 * back and never change, so they do not wait for a flush: each goes into a bulk's body as it is
 * made, and a full bulk is sent at once (up to {@value #ENTRY_BULKS_IN_FLIGHT} of them in flight;
 * the fold waits when more would be). So neither they nor their bodies live long enough for the
 * collector to copy them. A flush's checkpoints wait for these bulks too. The load is the only
 * writer of its index from the index's creation, so a document it never wrote is not there: the ids
 * it forgot are remembered in a Bloom filter, and a document not in memory is read back only when
 * the filter says it may have been written (a false "may" costs one read that finds nothing). So a
 * document seen for the first time after a flush (a new order) neither waits for the flush in
 * flight nor costs a read.
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
   * What is written next that is not held: the entries of what was folded (see {@link
   * View#entries}), written as they are made; at a flush, the held documents too.
   */
  private final NdjsonBulk.Bodies pending;

  /** The bulks of entries sent before their flush, the oldest first, not yet awaited. */
  private final Deque<CompletableFuture<Void>> entryBulks = new ArrayDeque<>();

  /** How many bulks of entries may be sent and unanswered while the fold goes on. */
  static final int ENTRY_BULKS_IN_FLIGHT = 2;

  private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();

  /**
   * Documents as the index holds them once the flush in flight is written, the least recently used
   * first: read from here instead of the index. A document the view changes leaves it for {@link
   * #held}.
   */
  private final Map<String, D> written;

  /**
   * The ids of documents that may be in the index but are no longer in memory: forgotten by {@link
   * #written}, or taken out of it (the view may leave a document unchanged, which drops it, or
   * change it and then fail, which discards it). A document read back was in it already. Empty
   * until the first flush, so nothing is read before it.
   */
  private final BloomFilter<CharSequence> forgotten;

  /** Bounds the filter's memory (~12 MB at this size); beyond it, more reads find nothing. */
  private static final long MOST_EXPECTED_DOCUMENTS = 10_000_000;

  /** The flush in flight: its documents' answer and the checkpoints to write after it. */
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

  private List<Checkpoint> inFlightCheckpoints = List.of();

  /**
   * @param expectedDocuments about how many documents the load writes (the events it folds are an
   *     upper bound): sizes the filter of forgotten ids
   */
  BulkLoad(View<D> view, ViewStore store, String index, int capacity, long expectedDocuments) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the buffer must hold at least one document: " + capacity);
    }
    this.view = view;
    this.store = store;
    this.index = index;
    this.capacity = capacity;
    this.pending = store.overwriteBodies(index);
    this.forgotten =
        BloomFilter.create(
            Funnels.unencodedCharsFunnel(),
            Math.max(capacity, Math.min(expectedDocuments, MOST_EXPECTED_DOCUMENTS)),
            0.01);
    this.written =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, D> eldest) {
            if (size() <= capacity) {
              return false;
            }
            forgotten.put(eldest.getKey());
            return true;
          }
        };
  }

  /**
   * Folds the events into the held documents, flushing when the memory is full.
   *
   * @return whether it flushed: everything applied so far is then being written, and in the index
   *     once the load {@linkplain #finish finishes} or {@linkplain #discard discards}
   * @throws PoisonEventException when the view cannot apply an event; what is held may be
   *     half-changed and must be {@linkplain #discard discarded}
   */
  boolean apply(List<ProjectedEvent> events) {
    Map<String, D> stored = readNotInMemory(events);
    for (ProjectedEvent event : events) {
      Checkpoint.advance(checkpoints, event);
      String id = view.documentId(event.event());
      if (id == null) {
        addEntries(null, event);
        continue;
      }
      // Taken out of what was written: the view may change it in place.
      D current = held.containsKey(id) ? held.get(id) : taken(id, stored);
      D next;
      try {
        next = view.apply(current, event);
      } catch (RuntimeException e) {
        throw new PoisonEventException(event, e);
      }
      if (next != null) {
        held.put(id, next);
        addEntries(next, event);
      }
    }
    if (held.size() + pending.size() >= capacity) {
      flush();
      return true;
    }
    return false;
  }

  /**
   * Starts writing every held document, after the flush in flight is written; the checkpoints
   * follow the documents.
   */
  void flush() {
    held.forEach(this::addPending);
    awaitInFlight();
    inFlight = store.sendOverwrite(pending);
    inFlightCheckpoints = List.copyOf(checkpoints.values());
    written.putAll(held);
    held.clear();
    checkpoints.clear();
  }

  /** Flushes what is held and waits until everything is in the index, checkpoints included. */
  void finish() {
    flush();
    awaitInFlight();
  }

  /**
   * Forgets what is held since the last flush, once that flush is written (the index keeps what was
   * flushed, and so does {@link #written}: a document the view changed was taken out of it first).
   */
  void discard() {
    awaitInFlight();
    held.clear();
    pending.clear();
    checkpoints.clear();
  }

  /** Writes the document, as it is now, into the bulks sent next. */
  private void addPending(String id, D document) {
    try {
      pending.add(id, document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the entries the event adds beside {@code folded} (null: it folds into none). */
  private void addEntries(D folded, ProjectedEvent event) {
    Map<String, D> entries;
    try {
      entries = view.entries(folded, event);
    } catch (RuntimeException e) {
      throw new PoisonEventException(event, e);
    }
    entries.forEach(this::addPending);
    sendFullEntryBulks();
  }

  /**
   * Sends the entries' full bulks, once fewer than {@value #ENTRY_BULKS_IN_FLIGHT} sent before are
   * unanswered.
   */
  private void sendFullEntryBulks() {
    if (!pending.hasFullBody()) {
      return;
    }
    while (entryBulks.size() >= ENTRY_BULKS_IN_FLIGHT) {
      ViewStore.awaitWritten(entryBulks.removeFirst());
    }
    entryBulks.addLast(store.sendFullBulks(pending));
  }

  /**
   * Waits until the flush in flight and the entries sent since are written, then writes the flush's
   * checkpoints.
   */
  private void awaitInFlight() {
    ViewStore.awaitWritten(inFlight);
    while (!entryBulks.isEmpty()) {
      ViewStore.awaitWritten(entryBulks.removeFirst());
    }
    store.writeCheckpoints(index, inFlightCheckpoints);
    inFlightCheckpoints = List.of();
  }

  private D taken(String id, Map<String, D> stored) {
    D document = written.remove(id);
    if (document == null) {
      return stored.get(id);
    }
    // Held again once the view changes it; until it is flushed again, the index has it.
    forgotten.put(id);
    return document;
  }

  private Map<String, D> readNotInMemory(List<ProjectedEvent> events) {
    Set<String> ids =
        events.stream()
            .map(event -> view.documentId(event.event()))
            .filter(
                id ->
                    id != null
                        && !held.containsKey(id)
                        && !written.containsKey(id)
                        && forgotten.mightContain(id))
            .collect(Collectors.toSet());
    if (ids.isEmpty()) {
      return Map.of();
    }
    awaitInFlight();
    return store.read(view, index, ids);
  }
}
