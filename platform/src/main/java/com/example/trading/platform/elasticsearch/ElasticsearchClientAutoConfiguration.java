package com.example.trading.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The 8.x Java API client for the services that read or write Elasticsearch, and the {@code
 * elasticsearch} health indicator. (Boot 4's own Elasticsearch support targets the 9.x client,
 * which does not match the 8.19 server.)
 */
@AutoConfiguration
@ConditionalOnClass(ElasticsearchClient.class)
@EnableConfigurationProperties(ElasticsearchClientProperties.class)
public class ElasticsearchClientAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  RestClient elasticsearchRestClient(ElasticsearchClientProperties properties) {
    RestClientBuilder builder =
        RestClient.builder(HttpHost.create(properties.url()))
            .setRequestConfigCallback(
                config ->
                    config
                        .setConnectTimeout((int) properties.connectTimeout().toMillis())
                        .setSocketTimeout((int) properties.socketTimeout().toMillis()));
    String authorization = properties.authorization();
    if (authorization != null) {
      // Sent with every request rather than after a 401 challenge: one round trip, not two.
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", authorization)});
    }
    if (properties.caCertificateFile() != null) {
      SSLContext trustingTheClusterCa = trusting(properties.caCertificateFile());
      builder.setHttpClientConfigCallback(client -> client.setSSLContext(trustingTheClusterCa));
    }
    return builder.build();
  }

  private static SSLContext trusting(Path caCertificate) {
    try {
      return TransportUtils.sslContextFromHttpCaCrt(caCertificate.toFile());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "trading.elasticsearch.ca-certificate: cannot read a CA certificate (PEM) from "
              + caCertificate
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient) {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return new ElasticsearchClient(
        new RestClientTransport(elasticsearchRestClient, new JacksonJsonpMapper(mapper)));
  }

  @Bean("elasticsearchHealthIndicator")
  @ConditionalOnMissingBean(name = "elasticsearchHealthIndicator")
  ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchClient client) {
    return new ElasticsearchHealthIndicator(client);
  }
}
