package com.example.trading.platform.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how the service reaches Elasticsearch ({@code trading.elasticsearch.*}; in {@code
 * trading-platform.yaml} bound to {@code ELASTICSEARCH_URL}, {@code ELASTICSEARCH_USERNAME}, {@code
 * ELASTICSEARCH_PASSWORD}, {@code ELASTICSEARCH_API_KEY} and {@code ELASTICSEARCH_CA_CERTIFICATE}).
 * With security off (the local stack) only the URL is set; a secured cluster (ECK in production)
 * takes either a user and password (basic auth) or an API key, and over {@code https} the CA that
 * signed its certificate.
 *
 * @param url the HTTP(S) address of one node, e.g. {@code http://127.0.0.1:19200}
 * @param username the user for basic auth (with {@code password}), or blank
 * @param password the user's password
 * @param apiKey an API key (the encoded {@code id:api_key} Elasticsearch returns), or blank; not
 *     together with a user
 * @param caCertificate a PEM file with the CA certificate the cluster's HTTP certificate is signed
 *     with (ECK's {@code <cluster>-es-http-certs-public} secret, {@code ca.crt}), or null to trust
 *     the JVM's default CAs
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for a response
 */
@ConfigurationProperties("trading.elasticsearch")
public record ElasticsearchClientProperties(
    String url,
    String username,
    String password,
    String apiKey,
    String caCertificate,
    Duration connectTimeout,
    Duration socketTimeout) {

  public ElasticsearchClientProperties {
    if (url == null || url.isBlank()) {
      url = "http://127.0.0.1:19200";
    }
    username = blankToNull(username);
    password = blankToNull(password);
    apiKey = blankToNull(apiKey);
    if (username != null && apiKey != null) {
      throw new IllegalArgumentException(
          "trading.elasticsearch: set a username and password or an API key, not both");
    }
    if (username != null && password == null) {
      throw new IllegalArgumentException(
          "trading.elasticsearch: the username " + username + " needs a password");
    }
    caCertificate = blankToNull(caCertificate);
    if (connectTimeout == null) {
      connectTimeout = Duration.ofSeconds(2);
    }
    if (socketTimeout == null) {
      socketTimeout = Duration.ofSeconds(30);
    }
  }

  /** The CA certificate file, or null. */
  Path caCertificateFile() {
    return caCertificate == null ? null : Path.of(caCertificate);
  }

  /** The {@code Authorization} header every request carries, or null without credentials. */
  String authorization() {
    if (apiKey != null) {
      return "ApiKey " + apiKey;
    }
    if (username != null) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  @Override
  public String toString() {
    return "ElasticsearchClientProperties[url=%s, username=%s, apiKey=%s, caCertificate=%s]"
        .formatted(url, username, apiKey == null ? "none" : "set", caCertificate);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
