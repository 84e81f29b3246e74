package com.example.trading.platform.elasticsearch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the service finds Elasticsearch ({@code trading.elasticsearch.*}; in {@code
 * application.yaml} bound to {@code ELASTICSEARCH_URL}).
 *
 * @param url the HTTP address of one node, e.g. {@code http://127.0.0.1:19200}
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for a response
 */
@ConfigurationProperties("trading.elasticsearch")
public record ElasticsearchClientProperties(
    String url, Duration connectTimeout, Duration socketTimeout) {

  public ElasticsearchClientProperties {
    if (url == null || url.isBlank()) {
      url = "http://127.0.0.1:19200";
    }
    if (connectTimeout == null) {
      connectTimeout = Duration.ofSeconds(2);
    }
    if (socketTimeout == null) {
      socketTimeout = Duration.ofSeconds(30);
    }
  }
}
