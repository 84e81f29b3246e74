package com.example.trading.teststack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a running service's live traffic against its published OpenAPI document with an
 * independent validator: Stoplight Prism ({@code infra/local/prism} installs it) runs as a
 * validating proxy in front of the service, and every request {@link TestHttp} sends to the
 * service's {@code /api/} or {@code /ops/} paths goes through it. Prism answers what the service
 * answered and lists in the {@code sl-violations} header where the exchange breaks the document;
 * {@link #check} turns that into a test failure when
 *
 * <ul>
 *   <li>the response breaks it (status, headers or body; problem documents of deliberately bad
 *       requests included), or
 *   <li>the service accepted (2xx) a request the document forbids.
 * </ul>
 *
 * A deliberately bad request that the service refuses is what the document says, not a violation.
 */
public final class ContractProxy implements AutoCloseable {

  private static final Map<Integer, Integer> ROUTES = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int servicePort;

  private ContractProxy(Process process, int servicePort) {
    this.process = process;
    this.servicePort = servicePort;
  }

  /**
   * Starts Prism in front of the service on {@code servicePort}, validating against {@code
   * document}.
   */
  public static ContractProxy start(Path document, int servicePort) {
    try {
      int port = freePort();
      Path log = Files.createTempFile("contract-proxy-", ".log");
      Process process =
          new ProcessBuilder(
                  prism().toString(),
                  "proxy",
                  document.toAbsolutePath().toString(),
                  "http://127.0.0.1:" + servicePort,
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--errors=false")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ContractProxy proxy = new ContractProxy(process, servicePort);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (!answers(port)) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Prism did not start on port " + port + ": " + Files.readString(log));
        }
        Thread.sleep(200);
      }
      ROUTES.put(servicePort, port);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The port a request for {@code path} on {@code port} goes to: the service's proxy for its API. A
   * path with dot segments goes straight to the service: the proxy would resolve them first, and
   * the tests that send them are about the service's own handling of such paths.
   */
  static int route(int port, String path) {
    boolean dotSegments =
        path.contains("/./")
            || path.contains("/../")
            || path.endsWith("/.")
            || path.endsWith("/..");
    if (!dotSegments && (path.startsWith("/api/") || path.startsWith("/ops/"))) {
      return ROUTES.getOrDefault(port, port);
    }
    return port;
  }

  /**
   * Where a client outside {@code TestHttp} (the SDK, the CLI) reaches the service on {@code
   * servicePort}: its validating proxy when one runs, else the service itself.
   */
  public static URI baseUri(int servicePort) {
    return URI.create("http://127.0.0.1:" + ROUTES.getOrDefault(servicePort, servicePort));
  }

  /**
   * Fails when Prism found the response, or an accepted request, to break the published document.
   */
  static void check(HttpResponse<String> response) {
    check(response, response.body());
  }

  /**
   * {@link #check(HttpResponse)} for a response whose body its client reads itself (the SDK's, seen
   * through its response listener).
   */
  public static void check(HttpResponse<?> response, String body) {
    String header = response.headers().firstValue("sl-violations").orElse(null);
    if (header == null) {
      return;
    }
    List<String> violations = new ArrayList<>();
    try {
      for (JsonNode violation : JSON.readTree(header)) {
        String where = violation.path("location").path(0).asText();
        boolean error = violation.path("severity").asText().equals("Error");
        boolean accepted = response.statusCode() / 100 == 2;
        if (error && (where.equals("response") || where.equals("request") && accepted)) {
          violations.add(
              String.join(".", JSON.convertValue(violation.path("location"), String[].class))
                  + ": "
                  + violation.path("message").asText());
        }
      }
    } catch (IOException e) {
      throw new AssertionError("unreadable sl-violations header: " + header, e);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + " "
              + body
              + "\nwhich breaks the published API document:\n  "
              + String.join("\n  ", violations));
    }
  }

  @Override
  public void close() {
    ROUTES.remove(servicePort);
    process.destroy();
  }

  private static Path prism() throws IOException, InterruptedException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isExecutable(dir.resolve("infra/local/prism"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "infra/local/prism not found above " + Path.of("").toAbsolutePath());
    }
    Process install =
        new ProcessBuilder(dir.resolve("infra/local/prism").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String bin =
        new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (install.waitFor() != 0 || bin.isEmpty()) {
      throw new IllegalStateException("infra/local/prism could not install Prism");
    }
    return Path.of(bin);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
