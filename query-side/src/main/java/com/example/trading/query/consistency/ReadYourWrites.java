package com.example.trading.query.consistency;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.schemas.PositionToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes a query wait until the views it reads reflect a client's own write: the projection's
 * checkpoint for the token's topic and partition must have reached the token's position. A view
 * not built from the token's topic reflects it already. Waits at most the configured time, then
 * refuses with {@link ViewNotYetConsistentException} (a 503 with Retry-After).
 */
@Component
public class ReadYourWrites {

  private final ElasticsearchClient client;
  private final ViewAliases aliases;
  private final Duration timeout;

  ReadYourWrites(ElasticsearchClient client, ViewAliases aliases,
      @Value("${trading.query.read-your-writes-timeout:5s}") Duration timeout) {
    this.client = client;
    this.aliases = aliases;
    this.timeout = timeout;
  }

  /** Returns once every alias reflects the token (a null token needs nothing). */
  public void await(PositionToken token, String... viewAliases) {
    if (token == null) {
      return;
    }
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
    String id = "__checkpoint__" + token.topic() + "__" + token.partition();
    try {
      var response = client.get(g -> g.index(alias).id(id), ObjectNode.class);
      return response.found() && response.source() != null
          ? response.source().path("checkpointPosition").asLong(-1) : -1;
    } catch (IOException | RuntimeException e) {
      if (ElasticsearchErrors.isStatus(e, 404)) {
        return -1;
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The view did not catch up with the client's write in time. */
  public static class ViewNotYetConsistentException extends RuntimeException {
    public ViewNotYetConsistentException(String alias, PositionToken token) {
      super("the " + alias + " view has not reached position " + token + " yet; retry shortly");
    }
  }
}
