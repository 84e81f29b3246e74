package com.example.trading.console.security;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * The console's registration at the identity provider: the public client {@code trading-console}
 * (authorization code; with no client secret Spring Security sends a PKCE challenge), scopes {@code
 * openid} and {@code trading.operator}. The provider's endpoints come from its discovery document,
 * read at the first sign-in rather than at start, so the console starts whether or not the identity
 * provider is up yet (and asks again until it answers).
 */
@Component
class IdentityProviderRegistration implements ClientRegistrationRepository {

  private final String issuer;
  private final String clientId;
  private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

  IdentityProviderRegistration(
      @Value("${trading.console.issuer}") String issuer,
      @Value("${trading.console.client-id}") String clientId) {
    this.issuer = issuer;
    this.clientId = clientId;
  }

  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    if (!ConsoleSecurity.REGISTRATION.equals(registrationId)) {
      return null;
    }
    ClientRegistration known = registration.get();
    if (known != null) {
      return known;
    }
    ClientRegistration discovered =
        ClientRegistrations.fromIssuerLocation(issuer)
            .registrationId(ConsoleSecurity.REGISTRATION)
            .clientId(clientId)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid", "trading.operator")
            .build();
    registration.compareAndSet(null, discovered);
    return registration.get();
  }
}
