package com.example.trading.schemas;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a service's real sources against a changed contract, for the tests that show a change to
 * the contract fails the build wherever it must be handled. The changed contract types are given as
 * sources, which take the place of the built ones; everything else comes from the class path of the
 * classes named.
 */
public final class ContractCompiler {

  private static final String CONTRACT_PACKAGE = "com/example/trading/schemas/";

  private final Path work;
  private final Set<String> classPath = new LinkedHashSet<>();

  /** Compiles in {@code work}, against where these classes were loaded from. */
  public ContractCompiler(Path work, Class<?>... classPathOf) {
    this.work = work;
    for (Class<?> type : classPathOf) {
      try {
        classPath.add(
            new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The source of a contract type as it is in the repository, e.g. {@code OrderTerms.java}. */
  public static String contractSource(String fileName) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path source = dir.resolve("event-schemas/src/main/java/" + CONTRACT_PACKAGE + fileName);
      if (Files.exists(source)) {
        return Files.readString(source);
      }
    }
    throw new IllegalStateException("no contract source " + fileName + " above the working dir");
  }

  /**
   * The errors, as {@code File.java:line: message}, of compiling {@code sources} with the contract
   * types in {@code contract} (file name → source) in place of the built ones.
   */
  public List<String> errors(Map<String, String> contract, Path... sources) throws IOException {
    List<File> files = new ArrayList<>();
    for (Map.Entry<String, String> type : contract.entrySet()) {
      Path file = work.resolve("src/" + CONTRACT_PACKAGE + type.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, type.getValue());
      files.add(file.toFile());
    }
    for (Path source : sources) {
      files.add(source.toFile());
    }
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, null, null)) {
      boolean compiled =
          javac
              .getTask(
                  null,
                  fileManager,
                  diagnostics,
                  List.of(
                      "-classpath",
                      String.join(File.pathSeparator, classPath),
                      "-d",
                      classes.toString(),
                      "--release",
                      "21",
                      "-proc:none"),
                  null,
                  fileManager.getJavaFileObjectsFromFiles(files))
              .call();
      List<String> errors =
          diagnostics.getDiagnostics().stream()
              .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
              .map(
                  diagnostic ->
                      (diagnostic.getSource() == null
                              ? "javac"
                              : Path.of(diagnostic.getSource().getName()).getFileName())
                          + ":"
                          + diagnostic.getLineNumber()
                          + ": "
                          + diagnostic.getMessage(Locale.ROOT))
              .toList();
      if (compiled != errors.isEmpty()) {
        throw new IllegalStateException("javac answered " + compiled + " with errors " + errors);
      }
      return errors;
    }
  }
}
