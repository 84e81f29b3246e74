package com.example.trading.console.services;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console finds the services it works through ({@code COMMAND_URL}, {@code QUERY_URL},
 * {@code SAGA_URL}, {@code PROJECTIONS_URL}), the identity provider ({@code TRADING_ISSUER_URI}),
 * Zipkin ({@code ZIPKIN_URL}, its readiness) and Prometheus for the overview's charts ({@code
 * PROMETHEUS_URL}); and where operators' browsers reach those two, for the pages' links ({@code
 * ZIPKIN_LINK_URL}, {@code PROMETHEUS_LINK_URL}; by default the same).
 */
@ConfigurationProperties("trading.console")
public record ServiceUrls(
    URI commandUrl,
    URI queryUrl,
    URI sagaUrl,
    URI projectionsUrl,
    URI issuer,
    URI zipkinUrl,
    URI prometheusUrl,
    URI zipkinLinkUrl,
    URI prometheusLinkUrl) {

  /** The page of one trace in Zipkin's UI. */
  public URI traceOf(String traceId) {
    return URI.create(zipkinLinkUrl.toString().replaceAll("/+$", "") + "/zipkin/traces/" + traceId);
  }
}
