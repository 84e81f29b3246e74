package com.example.trading.identity;

import com.example.trading.platform.security.Scopes;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The clients every installation has, written at every start so that their configuration (the
 * operator's secret from the environment, the console's redirect URIs) is what runs: {@code
 * trading-operator} (client credentials, operator scope) and {@code trading-console} (a public
 * browser client: authorization code with PKCE, the operator signs in).
 */
@Component
class KnownClients implements ApplicationRunner {

  static final String OPERATOR_CLIENT = "trading-operator";
  static final String CONSOLE_CLIENT = "trading-console";

  private static final Logger log = LoggerFactory.getLogger(KnownClients.class);

  private final RegisteredClientRepository clients;
  private final PasswordEncoder passwords;
  private final IdentityProperties identity;

  KnownClients(
      RegisteredClientRepository clients, PasswordEncoder passwords, IdentityProperties identity) {
    this.clients = clients;
    this.passwords = passwords;
    this.identity = identity;
  }

  /** True for the ids of the installation's own clients, which no customer may take. */
  static boolean isReserved(String clientId) {
    return OPERATOR_CLIENT.equals(clientId) || CONSOLE_CLIENT.equals(clientId);
  }

  @Override
  public void run(ApplicationArguments arguments) {
    clients.save(
        withExistingId(
            RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(OPERATOR_CLIENT)
                .clientName("Back office (client credentials)")
                .clientSecret(passwords.encode(identity.operatorClientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(Scopes.OPERATOR)
                .tokenSettings(tokenSettings())
                .build()));
    clients.save(
        withExistingId(
            RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CONSOLE_CLIENT)
                .clientName("Operator console (browser, authorization code + PKCE)")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(identity.consoleRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(Scopes.OPERATOR)
                .clientSettings(
                    ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokenSettings())
                .build()));
    log.info(
        "Clients {} and {} configured; issuer {}",
        OPERATOR_CLIENT,
        CONSOLE_CLIENT,
        identity.issuer());
  }

  TokenSettings tokenSettings() {
    return TokenSettings.builder().accessTokenTimeToLive(identity.accessTokenTimeToLive()).build();
  }

  /** The same client under the id it is already stored with, so saving it updates the row. */
  private RegisteredClient withExistingId(RegisteredClient wanted) {
    RegisteredClient stored = clients.findByClientId(wanted.getClientId());
    if (stored == null) {
      return wanted;
    }
    return RegisteredClient.from(wanted)
        .id(stored.getId())
        .clientIdIssuedAt(stored.getClientIdIssuedAt())
        .build();
  }
}
