package com.example.trading.platform.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.util.OptionalInt;
import org.elasticsearch.client.ResponseException;

/**
 * The HTTP status of a failed Elasticsearch call, however the client reports it (an
 * {@link ElasticsearchException}, a transport exception, or the low-level client's
 * {@link ResponseException} somewhere in the causes).
 */
public final class ElasticsearchErrors {

  private ElasticsearchErrors() {
  }

  public static OptionalInt status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ElasticsearchException e) {
        return OptionalInt.of(e.status());
      }
      if (t instanceof ResponseException e) {
        return OptionalInt.of(e.getResponse().getStatusLine().getStatusCode());
      }
      if (t instanceof TransportException e && e.statusCode() > 0) {
        return OptionalInt.of(e.statusCode());
      }
    }
    return OptionalInt.empty();
  }

  public static boolean isStatus(Throwable failure, int status) {
    OptionalInt actual = status(failure);
    return actual.isPresent() && actual.getAsInt() == status;
  }
}
