package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Who the CLI is and where the APIs are, saved by {@code trading login} in {@code
 * $TRADING_CLI_HOME/profile.properties} ({@code ~/.trading} by default; readable by the user only,
 * as it holds the client secret), with the position token of the user's last write, so that the
 * next query reads its own writes. {@code TRADING_CLIENT_ID} and {@code TRADING_CLIENT_SECRET} in
 * the environment take precedence over the saved credentials.
 */
record Profile(
    URI issuer,
    URI commandApi,
    URI queryApi,
    String clientId,
    String clientSecret,
    String scope,
    String lastPosition) {

  static final String HOME_VARIABLE = "TRADING_CLI_HOME";

  /** The profile's file for this environment. */
  static Path file(Map<String, String> environment) {
    String home = environment.get(HOME_VARIABLE);
    Path directory =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".trading");
    return directory.resolve("profile.properties");
  }

  /**
   * The saved profile, with the environment's credentials over the saved ones; empty before a
   * login.
   */
  static Optional<Profile> load(Path file, Map<String, String> environment) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(
        new Profile(
            URI.create(properties.getProperty("issuer")),
            URI.create(properties.getProperty("command-api")),
            URI.create(properties.getProperty("query-api")),
            environment.getOrDefault("TRADING_CLIENT_ID", properties.getProperty("client-id")),
            environment.getOrDefault(
                "TRADING_CLIENT_SECRET", properties.getProperty("client-secret")),
            properties.getProperty("scope"),
            properties.getProperty("last-position")));
  }

  /** Writes the profile, readable and writable by the user only. */
  void save(Path file) {
    Properties properties = new Properties();
    properties.setProperty("issuer", issuer.toString());
    properties.setProperty("command-api", commandApi.toString());
    properties.setProperty("query-api", queryApi.toString());
    properties.setProperty("client-id", clientId);
    properties.setProperty("client-secret", clientSecret);
    properties.setProperty("scope", scope);
    if (lastPosition != null) {
      properties.setProperty("last-position", lastPosition);
    }
    try {
      Files.createDirectories(file.getParent());
      Path written = Files.createTempFile(file.getParent(), "profile", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
      }
      try (Writer writer = Files.newBufferedWriter(written)) {
        properties.store(writer, "trading CLI profile (trading login); holds a client secret");
      }
      Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The SDK client this profile describes. */
  TradingClient client() {
    return TradingClient.builder()
        .commandApi(commandApi)
        .queryApi(queryApi)
        .clientCredentials(issuer, clientId, clientSecret, scope)
        .build();
  }

  Profile withLastPosition(String position) {
    return new Profile(issuer, commandApi, queryApi, clientId, clientSecret, scope, position);
  }
}
