package com.example.trading.platform.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client reaches a secured cluster by configuration alone: over TLS trusting the cluster's CA
 * (a PEM file, as ECK publishes it), with basic auth or an API key on every request. The server is
 * a real HTTPS server with a certificate made for the test (its own CA), which records what it is
 * sent.
 */
class ElasticsearchClientSecurityTest {

  private static final String STORE_PASSWORD = "changeit";

  @TempDir static Path certificates;
  private static HttpsServer server;
  private static Path caCertificate;
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void httpsServer() throws Exception {
    Path keyStore = certificates.resolve("node.p12");
    caCertificate = certificates.resolve("ca.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "node",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "node",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        caCertificate.toString());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keyStore.toFile())) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(authorization == null ? "none" : authorization);
          byte[] body = "{\"cluster_name\":\"test\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void basicAuthOverTlsTrustingTheClustersCa() throws Exception {
    try (RestClient client =
        client(properties("elastic", "s3cret", null, caCertificate.toString()))) {
      authorizations.clear();
      assertThat(client.performRequest(new Request("GET", "/")).getStatusLine().getStatusCode())
          .isEqualTo(200);
    }
    assertThat(authorizations)
        .containsExactly(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anApiKeyOverTls() throws Exception {
    try (RestClient client =
        client(
            properties(
                null,
                null,
                "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
                caCertificate.toString()))) {
      authorizations.clear();
      client.performRequest(new Request("GET", "/"));
    }
    assertThat(authorizations)
        .containsExactly("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
  }

  @Test
  void withoutTheClustersCaTheConnectionIsRefused() throws Exception {
    try (RestClient client = client(properties("elastic", "s3cret", null, null))) {
      assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
          .isInstanceOf(SSLException.class);
    }
  }

  @Test
  void credentialsAreOneKindOrTheOtherAndACaFileMustBeReadable() {
    assertThatThrownBy(() -> properties("elastic", "s3cret", "key", null))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> properties("elastic", "", null, null))
        .hasMessageContaining("needs a password");
    assertThatThrownBy(
            () -> client(properties(null, null, null, certificates.resolve("nope").toString())))
        .hasMessageContaining("cannot read a CA certificate");
    assertThat(properties(null, null, null, null).authorization()).isNull();
    assertThat(properties("elastic", "s3cret", null, null).toString()).doesNotContain("s3cret");
  }

  private static ElasticsearchClientProperties properties(
      String username, String password, String apiKey, String caCertificate) {
    return new ElasticsearchClientProperties(
        "https://127.0.0.1:" + (server == null ? 9200 : server.getAddress().getPort()),
        username,
        password,
        apiKey,
        caCertificate,
        null,
        null);
  }

  private static RestClient client(ElasticsearchClientProperties properties) {
    return new ElasticsearchClientAutoConfiguration().elasticsearchRestClient(properties);
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(Files.exists(certificates)).isTrue();
  }
}
