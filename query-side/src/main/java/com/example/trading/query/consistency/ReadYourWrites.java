package com.example.trading.query.consistency;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.ViewCheckpoints;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes a query wait until the views it reads reflect a client's own write: the projection's
 * checkpoint for the token's topic and partition must have reached the token's position. A view not
 * built from the token's topic reflects it already. Waits at most the configured time, then refuses
 * with {@link ViewNotYetConsistentException} (a 503 with Retry-After).
 *
 * <p>Waiting is bounded: at most {@code trading.query.read-your-writes-max-waiting} requests wait
 * at once (gauge {@code trading.query.read.your.writes.waiting}); one more that would have to wait
 * is refused at once with {@link TooManyWaitingReadsException} (also a 503 with Retry-After), so
 * clients sending tokens the views have not reached cannot pile up requests. The waits run on
 * virtual threads (the query side serves every request on one), so they hold no platform thread.
 */
@Component
public class ReadYourWrites {

  private final ElasticsearchClient client;
  private final ViewAliases aliases;
  private final Duration timeout;
  private final int maxWaiting;
  private final Semaphore waiting;

  ReadYourWrites(
      ElasticsearchClient client,
      ViewAliases aliases,
      @Value("${trading.query.read-your-writes-timeout:5s}") Duration timeout,
      @Value("${trading.query.read-your-writes-max-waiting:200}") int maxWaiting,
      MeterRegistry meters) {
    this.client = client;
    this.aliases = aliases;
    this.timeout = timeout;
    this.maxWaiting = maxWaiting;
    this.waiting = new Semaphore(maxWaiting);
    Gauge.builder(
            "trading.query.read.your.writes.waiting",
            waiting,
            w -> maxWaiting - w.availablePermits())
        .description("queries waiting for the views to reflect the client's write")
        .register(meters);
  }

  /** Returns once every alias reflects the token (a null token needs nothing). */
  public void await(PositionToken token, String... viewAliases) {
    if (token == null || reflected(token, viewAliases)) {
      return;
    }
    if (!waiting.tryAcquire()) {
      throw new TooManyWaitingReadsException(maxWaiting);
    }
    try {
      awaitReflected(token, viewAliases);
    } finally {
      waiting.release();
    }
  }

  private boolean reflected(PositionToken token, String... viewAliases) {
    for (String alias : viewAliases) {
      if (aliases.topicsOf(alias).contains(token.topic())
          && appliedPosition(alias, token) < token.position()) {
        return false;
      }
    }
    return true;
  }

  private void awaitReflected(PositionToken token, String... viewAliases) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String alias : viewAliases) {
      if (!aliases.topicsOf(alias).contains(token.topic())) {
        continue;
      }
      while (appliedPosition(alias, token) < token.position()) {
        if (System.nanoTime() > deadline) {
          throw new ViewNotYetConsistentException(alias, token);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ViewNotYetConsistentException(alias, token);
        }
      }
    }
  }

  private long appliedPosition(String alias, PositionToken token) {
    String id = ViewCheckpoints.documentId(token.topic(), token.partition());
    try {
      var response = client.get(g -> g.index(alias).id(id), ObjectNode.class);
      return response.found() && response.source() != null
          ? response.source().path(ViewCheckpoints.POSITION_FIELD).asLong(-1)
          : -1;
    } catch (IOException | RuntimeException e) {
      if (ElasticsearchErrors.isStatus(e, 404)) {
        return -1;
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Too many queries wait for their writes already; this one is refused without waiting. */
  public static class TooManyWaitingReadsException extends RuntimeException {
    public TooManyWaitingReadsException(int maxWaiting) {
      super(
          maxWaiting
              + " queries are already waiting for the views to reflect their writes; retry shortly");
    }
  }

  /** The view did not catch up with the client's write in time. */
  public static class ViewNotYetConsistentException extends RuntimeException {
    public ViewNotYetConsistentException(String alias, PositionToken token) {
      super("the " + alias + " view has not reached position " + token + " yet; retry shortly");
    }
  }
}
