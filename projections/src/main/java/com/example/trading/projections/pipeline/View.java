package com.example.trading.projections.pipeline;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
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

  /** The id of the document an event changes, or {@code null} when the view ignores the event. */
  String documentId(TradingEvent event);

  /**
   * The document after the event; {@code current} is {@code null} for a new document. Returns
   * {@code null} when the event changes nothing (already applied: its aggregate sequence is not
   * newer than what the document reflects).
   */
  D apply(D current, ProjectedEvent event);

  /**
   * Documents the event adds beside the one it folds into, by id: a ledger's entries, each written
   * once and never changed. Called only when {@link #apply} changed the document, with the document
   * it returned; a pure function of that document and the event, so an entry written again (a
   * replay, a retried batch) is the same entry. None by default.
   */
  default Map<String, D> entries(D folded, ProjectedEvent event) {
    return Map.of();
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
