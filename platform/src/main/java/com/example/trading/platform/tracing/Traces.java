package com.example.trading.platform.tracing;

import com.example.trading.schemas.MessageMetadata;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * One trace per order journey across the system's asynchronous hops. Micrometer Tracing (over
 * OpenTelemetry) traces HTTP by itself; a hop through Kafka, an event store, the outbox or the
 * market gateway's rows carries the W3C {@code traceparent} in the message's metadata, and the code
 * that takes the message up opens a {@link Step} as the child of that traceparent, so the step and
 * everything it sends on belong to the same trace.
 */
public final class Traces {

  private static final String TRACEPARENT = MessageMetadata.TRACEPARENT;

  private final Tracer tracer;
  private final Propagator propagator;

  public Traces(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Tracing switched off: steps do nothing and there is never a traceparent. */
  public static Traces none() {
    return new Traces(Tracer.NOOP, Propagator.NOOP);
  }

  /**
   * The current span as a W3C {@code traceparent}, or null outside any span (or when not sampled
   * away).
   */
  public String traceparent() {
    Span span = tracer.currentSpan();
    if (span == null || span.isNoop()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /**
   * The trace context to send on: the current span's, or {@code carried} (what the message being
   * handled brought) outside any span, e.g. with tracing off.
   */
  public String traceparentOr(String carried) {
    String current = traceparent();
    return current != null ? current : carried;
  }

  /**
   * Starts a step of a journey as the child of {@code parentTraceparent} (the current span, or a
   * new trace, when it is null) and makes it current on this thread until it is closed.
   */
  public Step start(String name, String parentTraceparent) {
    Span span = childOf(parentTraceparent, tracer.spanBuilder()).name(name).start();
    return new Step(span, tracer.withSpan(span));
  }

  /**
   * Starts a step as the child of {@code parentTraceparent} without making it current: for work
   * done for many messages at once (a bulk write), one step each, all closed when the work is done.
   */
  public Step startDetached(String name, String parentTraceparent) {
    return new Step(
        childOf(parentTraceparent, tracer.spanBuilder().setNoParent()).name(name).start(), null);
  }

  /** A builder for a child of the traceparent, or {@code withoutParent} when there is none. */
  private Span.Builder childOf(String parentTraceparent, Span.Builder withoutParent) {
    return parentTraceparent == null
        ? withoutParent
        : propagator.extract(Map.of(TRACEPARENT, parentTraceparent), Map::get);
  }

  /** A span in scope: tag it, mark a failure, close it to end it. */
  public static final class Step implements AutoCloseable {

    private final Span span;
    private final Tracer.SpanInScope scope;

    private Step(Span span, Tracer.SpanInScope scope) {
      this.span = span;
      this.scope = scope;
    }

    /** Adds a tag when the value is known. */
    public Step tag(String key, Object value) {
      if (value != null) {
        span.tag(key, value.toString());
      }
      return this;
    }

    public void failed(Throwable error) {
      span.error(error);
    }

    @Override
    public void close() {
      if (scope != null) {
        scope.close();
      }
      span.end();
    }
  }
}
