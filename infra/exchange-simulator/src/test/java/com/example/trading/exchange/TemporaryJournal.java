package com.example.trading.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh journal directory for a Spring test context, removed when the JVM ends; never a
 * developer's journal.
 */
final class TemporaryJournal {

  private TemporaryJournal() {}

  static void register(DynamicPropertyRegistry registry) {
    Path directory = create();
    registry.add("exchange.journal-dir", directory::toString);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> delete(directory)));
  }

  private static Path create() {
    try {
      return Files.createTempDirectory("exchange-journal-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only a temporary directory left behind.
    }
  }
}
