package com.example.trading.console.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The operator's access token for the services: the one the identity provider issued at sign-in, or
 * the bearer token a script presented. A signed-in operator whose token has expired (the console's
 * client gets no refresh token) is sent to the identity provider again, which answers at once while
 * its own sign-in lasts.
 */
@Component
public class OperatorToken {

  private final OAuth2AuthorizedClientRepository authorizedClients;
  private final HttpServletRequest request;

  OperatorToken(OAuth2AuthorizedClientRepository authorizedClients, HttpServletRequest request) {
    this.authorizedClients = authorizedClients;
    this.request = request;
  }

  /** The current operator's access token. */
  public String value() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken bearer) {
      return bearer.getToken().getTokenValue();
    }
    if (authentication instanceof OAuth2AuthenticationToken signedIn) {
      String registration = signedIn.getAuthorizedClientRegistrationId();
      OAuth2AuthorizedClient client =
          authorizedClients.loadAuthorizedClient(registration, signedIn, request);
      if (client == null
          || client.getAccessToken().getExpiresAt() == null
          || client.getAccessToken().getExpiresAt().isBefore(Instant.now().plusSeconds(10))) {
        throw new ClientAuthorizationRequiredException(registration);
      }
      return client.getAccessToken().getTokenValue();
    }
    throw new IllegalStateException("no operator signed in");
  }

  /** The token expired while a page was being built: sign in again. */
  public void expired() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof OAuth2AuthenticationToken signedIn) {
      throw new ClientAuthorizationRequiredException(signedIn.getAuthorizedClientRegistrationId());
    }
  }
}
