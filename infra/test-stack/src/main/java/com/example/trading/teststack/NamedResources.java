package com.example.trading.teststack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What a JVM's tests created in the stack, found by the names {@link TestStack#uniqueName} gave
 * out: the Elasticsearch indices and Kafka topics whose names start with one of them. The local
 * stack lives on between test runs (a developer runs single tests against it), so a JVM deletes
 * what its tests named when it exits.
 */
final class NamedResources {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Indices deleted per request: the names go into the request's path. */
  private static final int INDICES_PER_DELETE = 50;

  private NamedResources() {}

  /** The names among {@code names} that start with one of {@code issued}. */
  static List<String> named(Collection<String> names, Collection<String> issued) {
    return names.stream().filter(name -> issued.stream().anyMatch(name::startsWith)).toList();
  }

  /** Deletes the indices named after {@code issued}. */
  static void deleteIndices(String elasticsearchUrl, Collection<String> issued)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    String listed =
        send(http, HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/_cat/indices?h=index")));
    List<String> indices = named(listed.lines().map(String::strip).toList(), issued);
    for (int from = 0; from < indices.size(); from += INDICES_PER_DELETE) {
      List<String> chunk =
          indices.subList(from, Math.min(indices.size(), from + INDICES_PER_DELETE));
      send(
          http,
          HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/" + String.join(",", chunk)))
              .DELETE());
    }
  }

  private static String send(HttpClient http, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300 && response.statusCode() != 404) {
      throw new IOException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode());
    }
    return response.body();
  }

  /** Whether kafka-clients is on the class path (the module's own, optional here). */
  static boolean kafkaPresent() {
    try {
      Class.forName(
          "org.apache.kafka.clients.admin.Admin", false, NamedResources.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
