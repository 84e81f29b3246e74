package com.example.trading.platform.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.example.trading.platform.failure.CauseChain;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import org.elasticsearch.client.ResponseException;

/**
 * The HTTP status of a failed Elasticsearch call, however the client reports it (an {@link
 * ElasticsearchException}, a transport exception, or the low-level client's {@link
 * ResponseException} somewhere in the causes).
 */
public final class ElasticsearchErrors {

  private ElasticsearchErrors() {}

  public static OptionalInt status(Throwable failure) {
    return CauseChain.of(failure)
        .mapMultiToInt(
            (Throwable t, IntConsumer found) -> {
              if (t instanceof ElasticsearchException e) {
                found.accept(e.status());
              } else if (t instanceof ResponseException e) {
                found.accept(e.getResponse().getStatusLine().getStatusCode());
              } else if (t instanceof TransportException e && e.statusCode() > 0) {
                found.accept(e.statusCode());
              }
            })
        .findFirst();
  }

  public static boolean isStatus(Throwable failure, int status) {
    OptionalInt actual = status(failure);
    return actual.isPresent() && actual.getAsInt() == status;
  }
}
