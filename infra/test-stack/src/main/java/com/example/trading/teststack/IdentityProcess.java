package com.example.trading.teststack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real issuer ({@code infra/identity}) for one test JVM: started from its runnable jar on a
 * free port, with a fresh database and a signing key of its own, stopped when the JVM exits. Every
 * service a test starts trusts it ({@code TRADING_ISSUER_URI}), and tests get their tokens from it.
 */
record IdentityProcess(Issuer issuer, Path signingKeyFile) {

  static final String OPERATOR_SECRET = "test-operator-secret";

  static IdentityProcess start(TestStack stack) {
    Path jar = ServiceProcess.runnableJarIn(moduleDirectory());
    String database = stack.createDatabase("identity");
    Path keys;
    try {
      keys = Files.createTempDirectory("identity-keys").resolve("signing-key.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServiceProcess process =
        ServiceProcess.of(
            jar,
            port ->
                Map.of(
                    "SPRING_DATASOURCE_URL", stack.jdbcUrl(database),
                    "SPRING_DATASOURCE_USERNAME", stack.postgresUser(),
                    "SPRING_DATASOURCE_PASSWORD", stack.postgresPassword(),
                    "TRADING_ISSUER_URI", "http://127.0.0.1:" + port,
                    "TRADING_IDENTITY_SIGNING_KEY", keys.toString(),
                    "TRADING_OPERATOR_SECRET", OPERATOR_SECRET));
    process.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "identity-stop"));
    return new IdentityProcess(
        new Issuer("http://127.0.0.1:" + process.port(), OPERATOR_SECRET), keys);
  }

  /** {@code infra/identity}, found from any module directory of the build. */
  private static Path moduleDirectory() {
    for (Path directory = Path.of("").toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve("infra/identity");
      if (Files.exists(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "infra/identity/target not found above "
            + Path.of("").toAbsolutePath()
            + ": build it first (make build)");
  }
}
