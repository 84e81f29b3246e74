package com.example.trading.teststack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens a test makes itself, signed with the test issuer's real key (read from its key
 * file), to show that a service refuses a token for each single thing wrong with it: expired, from
 * another issuer, for another audience, signed by another key, or altered after signing. {@link
 * #valid} is the control: the same construction with nothing wrong is accepted.
 */
public final class TokenForge {

  private final RSAKey issuerKey;
  private final String issuer;

  TokenForge(Path signingKeyFile, String issuer) {
    try {
      this.issuerKey = (RSAKey) JWKSet.parse(Files.readString(signingKeyFile)).getKeys().getFirst();
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the test issuer's key " + signingKeyFile, e);
    }
    this.issuer = issuer;
  }

  public String valid(String subject, String scope) {
    return sign(issuerKey, claims(subject, scope).build());
  }

  public String expired(String subject, String scope) {
    Instant past = Instant.now().minusSeconds(3_600);
    return sign(
        issuerKey,
        claims(subject, scope)
            .issueTime(Date.from(past))
            .notBeforeTime(Date.from(past))
            .expirationTime(Date.from(past.plusSeconds(300)))
            .build());
  }

  public String fromAnotherIssuer(String subject, String scope) {
    return sign(
        issuerKey, claims(subject, scope).issuer("http://127.0.0.1:1/not-the-issuer").build());
  }

  public String forAnotherAudience(String subject, String scope) {
    return sign(issuerKey, claims(subject, scope).audience(List.of("another-api")).build());
  }

  public String signedByAnotherKey(String subject, String scope) {
    try {
      RSAKey stranger = new RSAKeyGenerator(2048).keyID(issuerKey.getKeyID()).generate();
      return sign(stranger, claims(subject, scope).build());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token whose payload was changed after signing (a customer made into an operator). */
  public String tampered(String subject) {
    String[] parts = valid(subject, Issuer.CUSTOMER_SCOPE).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace(Issuer.CUSTOMER_SCOPE, Issuer.OPERATOR_SCOPE);
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  private JWTClaimsSet.Builder claims(String subject, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(issuer)
        .audience(List.of("trading-api"))
        .claim("scope", List.of(scope))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
