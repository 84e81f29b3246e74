package com.example.trading.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The issuer's settings.
 *
 * @param issuer the issuer URI written into every token ({@code iss}) and the OIDC discovery
 *     document; the services are configured with the same value
 * @param audience the audience of every access token ({@code aud}), checked by the services
 * @param signingKeyFile where the RSA signing key is kept (created on first start, owner-only)
 * @param accessTokenTimeToLive how long an access token is valid (at least 5 minutes, API.md)
 * @param operatorClientSecret the secret of the operator's client {@code trading-operator}
 * @param operatorPassword the password of the browser user {@code operator}
 * @param consoleRedirectUris where the operator console may receive authorization codes
 */
@ConfigurationProperties("trading.identity")
public record IdentityProperties(
    String issuer,
    String audience,
    Path signingKeyFile,
    Duration accessTokenTimeToLive,
    String operatorClientSecret,
    String operatorPassword,
    List<String> consoleRedirectUris) {

  public IdentityProperties {
    if (accessTokenTimeToLive.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException(
          "trading.identity.access-token-time-to-live must be at least 5 minutes");
    }
    consoleRedirectUris = List.copyOf(consoleRedirectUris);
  }
}
