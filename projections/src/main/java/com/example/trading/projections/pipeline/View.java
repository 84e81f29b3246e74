package com.example.trading.projections.pipeline;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.schemas.TradingEvent;
import java.util.List;

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
}
