package com.example.trading.projections.pipeline;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.TradingEvent;

/**
 * One event as a view sees it: the payload, its envelope, where it was read ({@code topic} is the
 * contract's name, without a deployment prefix), its global position in the command side's event
 * store and its sequence within its aggregate (what makes applying it idempotent).
 */
public record ProjectedEvent(
    TradingEvent event,
    MessageMetadata metadata,
    String topic,
    int partition,
    long offset,
    long position,
    long sequence) {

  public PositionToken token() {
    return new PositionToken(topic, partition, position);
  }
}
