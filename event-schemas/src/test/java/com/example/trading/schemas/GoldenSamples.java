package com.example.trading.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The golden JSON samples of every message in every revision ({@code
 * golden/<Type>.v<revision>.json}), shipped in this module's test jar so each consumer's tests read
 * exactly these bytes.
 */
public final class GoldenSamples {

  /** One sample: the message type name, the revision it is written in, and its JSON. */
  public record Sample(String type, int revision, byte[] json) {
    @Override
    public String toString() {
      return type + ".v" + revision;
    }
  }

  private static final Pattern NAME = Pattern.compile("([A-Za-z]+)\\.v(\\d+)\\.json");
  private static final String INDEX = "golden/index.txt";

  private GoldenSamples() {}

  public static List<Sample> all() {
    try (InputStream index = GoldenSamples.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (index == null) {
        throw new IllegalStateException(INDEX + " is not on the classpath");
      }
      return new String(index.readAllBytes())
          .lines()
          .filter(line -> !line.isBlank())
          .map(GoldenSamples::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Sample get(String type, int revision) {
    return load(type + ".v" + revision + ".json");
  }

  /** The file names in the golden folder of this module's sources (for the index check). */
  static List<String> filesInSourceFolder() throws IOException, URISyntaxException {
    Path folder =
        Path.of(GoldenSamples.class.getClassLoader().getResource(INDEX).toURI()).getParent();
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  private static Sample load(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a golden sample name: " + fileName);
    }
    try (InputStream in =
        GoldenSamples.class.getClassLoader().getResourceAsStream("golden/" + fileName)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden sample " + fileName);
      }
      return new Sample(matcher.group(1), Integer.parseInt(matcher.group(2)), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
