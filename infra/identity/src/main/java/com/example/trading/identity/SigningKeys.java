package com.example.trading.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's RSA signing key, kept in one owner-only file: created on first start, read on every
 * later one, so tokens stay valid across restarts and the services' cached JWKS stays right.
 */
final class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  static JWKSet loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        JWKSet keys = JWKSet.parse(Files.readString(file));
        if (keys.getKeys().isEmpty() || !keys.getKeys().getFirst().isPrivate()) {
          throw new IllegalStateException(file + " holds no private signing key");
        }
        log.info("Signing key {} read from {}", keys.getKeys().getFirst().getKeyID(), file);
        return keys;
      }
      RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      JWKSet keys = new JWKSet(key);
      write(file, keys.toString(false));
      log.info("Signing key {} created in {}", key.getKeyID(), file);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the signing key " + file, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(
          "cannot use the signing key " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String json) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, ".signing-key", ".tmp");
    try {
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // a file system without permissions: the directory's protection applies
    }
    Files.writeString(temporary, json);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
