package com.example.trading.console.services;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console finds the services it reads through, and Zipkin for the traces' links ({@code
 * QUERY_URL}, {@code SAGA_URL}, {@code ZIPKIN_URL}).
 */
@ConfigurationProperties("trading.console")
public record ServiceUrls(URI queryUrl, URI sagaUrl, URI zipkinUrl) {

  /** The page of one trace in Zipkin's UI. */
  public URI traceOf(String traceId) {
    return URI.create(zipkinUrl.toString().replaceAll("/+$", "") + "/zipkin/traces/" + traceId);
  }
}
