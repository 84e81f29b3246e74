package com.example.trading.projections.pipeline;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.schemas.TradingEvent;
import java.util.List;
import java.util.Map;

/**
 * A view: which topics feed it, how its documents are mapped, and how one event changes one
 * document. {@link #apply} is a pure function of the document and the event (no clock, no prices,
 * no I/O), so replaying the same events always yields the same documents.
 *
 * @param <D> the document type (a Jackson-mapped class)
 */
public interface View<D> {

  /** The alias the view is read and written through, e.g. {@code customer-orders}. */
  String name();

  List<String> topics();

  /**
   * The version of the view's documents and mapping; bump it with any change to either. An index
   * records the version it was built for, the live projection writes only into an index of its own
   * version, and {@code make replay} builds the new version (see {@code ViewVersionsTest}).
   */
  int version();

  Class<D> documentType();

  /** The mapping of the view's documents, including the checkpoint fields of {@link Checkpoint}. */
  TypeMapping mapping();

  /**
   * The id of the document an event changes, or {@code null} when it changes none: the view ignores
   * it, or the event only adds {@linkplain #entries entries} of its own.
   */
  String documentId(TradingEvent event);

  /**
   * The document after the event; {@code current} is {@code null} for a new document. Returns
   * {@code null} when the event changes nothing (already applied: its aggregate sequence is not
   * newer than what the document reflects).
   */
  D apply(D current, ProjectedEvent event);

  /**
   * Documents the event adds beside the one it folds into, by id: a ledger's entries, each written
   * once and never changed. Called when {@link #apply} changed the document, with the document it
   * returned, and for every event that folds into no document ({@link #documentId} null), with
   * {@code null}: such an event's entries depend on it alone, and one delivered again writes the
   * same entries again. A pure function of the document and the event, so an entry written again (a
   * replay, a retried batch) is the same entry. None by default.
   */
  default Map<String, D> entries(D folded, ProjectedEvent event) {
    return Map.of();
  }

  /**
   * The documents a rebuild compares with a live index of another version of the view (by count,
   * and a sample by presence; within one version every document is compared by content): every
   * document but the checkpoints, unless a version writes some kind of document the other does not.
   */
  default Query comparedAcrossVersions() {
    return Checkpoint.NOT_A_CHECKPOINT;
  }

  /**
   * What is wrong with a document of this view, by the rules its events follow (e.g. an order never
   * fills more than its quantity); empty when nothing is. {@code make replay} checks every document
   * it built before it swaps the alias, whatever version the live index holds.
   */
  default List<String> violations(D document) {
    return List.of();
  }
}
