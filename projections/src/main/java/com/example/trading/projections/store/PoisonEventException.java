package com.example.trading.projections.store;

import com.example.trading.projections.pipeline.ProjectedEvent;

/** A view could not apply this event; retrying the same event cannot help. */
public class PoisonEventException extends RuntimeException {

  private final transient ProjectedEvent event;

  public PoisonEventException(ProjectedEvent event, Throwable cause) {
    super(
        "cannot apply "
            + event.metadata().type()
            + " "
            + event.metadata().messageId()
            + ": "
            + cause.getMessage(),
        cause);
    this.event = event;
  }

  public ProjectedEvent event() {
    return event;
  }
}
