package com.example.trading.identity;

import com.example.trading.platform.security.BearerProblems;
import com.example.trading.platform.security.Scopes;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server with three filter chains: its own endpoints (token, JWKS, OIDC
 * discovery, authorize), the operator-only API ({@code /api/**}, the actuator) as a resource server
 * of its own tokens, and the browser login form. Clients and authorizations live in PostgreSQL, so
 * customers' credentials survive restarts.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server.oidc(Customizer.withDefaults());
            })
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // A browser that is not signed in is sent to the login form; API clients get 401.
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain operatorApi(HttpSecurity http) throws Exception {
    BearerProblems problems = new BearerProblems();
    http.securityMatcher("/api/**", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(Scopes.OPERATOR_AUTHORITY))
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain browserLogin(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/error",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(IdentityProperties identity) {
    return AuthorizationServerSettings.builder().issuer(identity.issuer()).build();
  }

  @Bean
  JWKSource<SecurityContext> signingKeys(IdentityProperties identity) {
    return new ImmutableJWKSet<>(SigningKeys.loadOrCreate(identity.signingKeyFile()));
  }

  /**
   * This issuer's own API checks its tokens as every service does: signature, issuer, audience,
   * expiry.
   */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys, IdentityProperties identity) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(identity.issuer()),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(identity.audience()))));
    return decoder;
  }

  /**
   * Every access token is for the trading API ({@code aud}), whichever client asked for it. The
   * claims are stored with the authorization and read back when the token is presented to the
   * userinfo endpoint; an {@code ArrayList} is among the types the stored authorization may hold,
   * {@code List.of}'s class is not (reading it back failed, so userinfo refused every token).
   */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tradingAudience(IdentityProperties identity) {
    return context -> {
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        context.getClaims().audience(new ArrayList<>(List.of(identity.audience())));
      }
    };
  }

  @Bean
  RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
    return new JdbcRegisteredClientRepository(jdbc);
  }

  @Bean
  OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationService(jdbc, clients);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * The operator who signs in with a browser (the console); their tokens carry the operator scope.
   */
  @Bean
  UserDetailsService operators(IdentityProperties identity, PasswordEncoder passwords) {
    return new InMemoryUserDetailsManager(
        User.withUsername("operator")
            .password(passwords.encode(identity.operatorPassword()))
            .roles("OPERATOR")
            .build());
  }
}
