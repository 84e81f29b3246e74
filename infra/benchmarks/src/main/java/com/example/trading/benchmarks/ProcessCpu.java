package com.example.trading.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the local system's processes, read from Linux's {@code /proc}: each process found by
 * its pid file ({@code .local/run/<service>.pid} of {@code infra/local/services}, {@code
 * .local/stack/run/<server>.pid} of {@code infra/local/stack}), with its child processes (user and
 * system time, and what its finished children used: PostgreSQL's connections are processes of their
 * own). A {@link #sample} before and after a run gives each process's CPU over the run. Empty where
 * there is no {@code /proc} or no pid file (the system runs elsewhere).
 */
public final class ProcessCpu {

  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Path> pidFiles;

  ProcessCpu(Map<String, Path> pidFiles) {
    this.pidFiles = pidFiles;
  }

  /** The services and servers that {@code make up} started from this checkout. */
  public static ProcessCpu ofLocalSystem() {
    Path root = Path.of(System.getProperty("user.dir"));
    Path services = Path.of(env("RUN_DIR", root.resolve(".local/run").toString()));
    Path stack = Path.of(env("STACK_HOME", root.resolve(".local/stack").toString())).resolve("run");
    Map<String, Path> files = new TreeMap<>();
    for (Path dir : List.of(services, stack)) {
      try (Stream<Path> listed = Files.list(dir)) {
        listed
            .filter(file -> file.getFileName().toString().endsWith(".pid"))
            .filter(file -> !file.getFileName().toString().endsWith("-launcher.pid"))
            .forEach(
                file -> files.put(file.getFileName().toString().replaceFirst("\\.pid$", ""), file));
      } catch (IOException e) {
        // no such directory: nothing of that kind runs here
      }
    }
    return new ProcessCpu(files);
  }

  /** Seconds of CPU each process and its children have used so far. */
  public Map<String, Double> sample() {
    Map<Long, List<Stat>> children = new HashMap<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
          .map(ProcessCpu::read)
          .flatMap(Stream::ofNullable)
          .forEach(
              stat -> children.computeIfAbsent(stat.parent(), k -> new ArrayList<>()).add(stat));
    } catch (IOException e) {
      return Map.of();
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    pidFiles.forEach(
        (name, file) ->
            pid(file)
                .ifPresent(
                    pid -> {
                      Stat own = read(Path.of("/proc", Long.toString(pid)));
                      if (own != null) {
                        seconds.put(name, treeTicks(own, children) / TICKS_PER_SECOND);
                      }
                    }));
    return seconds;
  }

  /**
   * Seconds of CPU this JVM has used so far, with what its finished children used (a child process
   * it started and waited for, such as the replay CLI); 0 where there is no {@code /proc}.
   */
  public static double selfAndFinishedChildren() {
    Stat own = read(Path.of("/proc/self"));
    return own == null ? 0 : own.ticks() / TICKS_PER_SECOND;
  }

  /**
   * Milliseconds of CPU per order of each process between two samples, and their total, as one
   * line; empty when nothing was sampled.
   */
  public static String perOrder(Map<String, Double> before, Map<String, Double> after, int orders) {
    StringBuilder line = new StringBuilder();
    double total = 0;
    for (var entry : after.entrySet()) {
      Double start = before.get(entry.getKey());
      if (start == null) {
        continue;
      }
      double millis = (entry.getValue() - start) * 1_000 / orders;
      total += millis;
      line.append(String.format("  %s %.1f", entry.getKey(), millis));
    }
    return line.isEmpty() ? "" : String.format("%s  total %.1f", line.toString().trim(), total);
  }

  private static long treeTicks(Stat process, Map<Long, List<Stat>> children) {
    long ticks = process.ticks();
    for (Stat child : children.getOrDefault(process.pid(), List.of())) {
      ticks += treeTicks(child, children);
    }
    return ticks;
  }

  private static OptionalLong pid(Path file) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Stat read(Path processDir) {
    try {
      return Stat.parse(Files.readString(processDir.resolve("stat")));
    } catch (IOException | RuntimeException e) {
      return null; // gone meanwhile, or not readable
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * One line of {@code /proc/<pid>/stat}: the pid, the parent's pid, and user + system time of the
   * process and of its waited-for children, in clock ticks.
   */
  record Stat(long pid, long parent, long ticks) {

    static Stat parse(String line) {
      // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
      int close = line.lastIndexOf(')');
      String[] after = line.substring(close + 2).trim().split(" ");
      // after[0] is field 3 (state): field n is after[n - 3]
      long utime = Long.parseLong(after[14 - 3]);
      long stime = Long.parseLong(after[15 - 3]);
      long cutime = Long.parseLong(after[16 - 3]);
      long cstime = Long.parseLong(after[17 - 3]);
      return new Stat(
          Long.parseLong(line.substring(0, line.indexOf(' '))),
          Long.parseLong(after[4 - 3]),
          utime + stime + cutime + cstime);
    }
  }
}
