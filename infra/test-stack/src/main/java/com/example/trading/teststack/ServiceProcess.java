package com.example.trading.teststack;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service started from its runnable jar as a separate JVM, so fault tests can kill it for real
 * ({@code SIGKILL}, no shutdown hooks) and start it again on the same database.
 */
public final class ServiceProcess implements AutoCloseable {

  /**
   * How long a start may take until readiness is UP: seven JVMs starting side by side on the 2-core
   * CI machine (the two-instance system) took up to 143 s each; {@code infra/local/services} waits
   * as long.
   */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

  private final Path jar;
  private final Map<String, String> environment;
  private final int port;
  private final Path log;
  private Process process;

  private ServiceProcess(Path jar, Map<String, String> environment, int port, Path log) {
    this.jar = jar;
    this.environment = environment;
    this.port = port;
    this.log = log;
  }

  /**
   * The runnable jar in this module's {@code target/} (built by {@code package}, before the ITs).
   */
  public static Path runnableJarOfThisModule() {
    return runnableJarIn(Path.of("."));
  }

  /** The runnable jar of the module in {@code moduleDirectory} (relative to the current module). */
  public static Path runnableJarIn(Path moduleDirectory) {
    Path target = moduleDirectory.resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no *-exec.jar in " + target + ": build first (make build)"));
    } catch (IOException e) {
      throw new IllegalStateException("no " + target + ": build first (make build)", e);
    }
  }

  /**
   * Starts several services at once (they start faster side by side than one after another); when
   * one does not become ready, stops them all before the failure is thrown, so no process outlives
   * the test that started it.
   */
  public static void startAll(ServiceProcess... services) {
    try {
      java.util.Arrays.stream(services).parallel().forEach(ServiceProcess::start);
    } catch (RuntimeException failure) {
      java.util.Arrays.stream(services).forEach(ServiceProcess::close);
      throw failure;
    }
  }

  public static ServiceProcess of(Path jar, Map<String, String> environment) {
    return of(jar, port -> environment);
  }

  /**
   * A service whose environment depends on the port it will listen on (e.g. an issuer naming
   * itself).
   */
  public static ServiceProcess of(
      Path jar, java.util.function.IntFunction<Map<String, String>> environment) {
    try {
      int port = freePort();
      return new ServiceProcess(
          jar, environment.apply(port), port, Files.createTempFile("service-", ".log"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts the JVM and waits until its readiness is UP. */
  public ServiceProcess start() {
    return start(Map.of());
  }

  /**
   * Starts the JVM with {@code extraEnvironment} on top of the service's own (e.g. a fault switch a
   * test turns on for one start) and waits until its readiness is UP.
   */
  public ServiceProcess start(Map<String, String> extraEnvironment) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-Xmx256m",
                // C1 only: a test's service lives for minutes, and C2's compilations cost more CPU
                // than its faster code saves in that time (README "Tests")
                "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().putAll(extraEnvironment);
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("LOG_FORMAT", "");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + jar, e);
    }
    awaitReady(READY_TIMEOUT);
    return this;
  }

  /** {@code kill -9}: the process gets no chance to flush, commit or say goodbye. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "service exited during start-up; see " + log + ":\n" + tail());
      }
      try {
        if (TestHttp.get(port, "/actuator/health/readiness").statusCode() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IllegalStateException(
        "service not ready after " + timeout + "; see " + log + ":\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The log file of the process (kept for a failing test's report). */
  public File logFile() {
    return log.toFile();
  }
}
