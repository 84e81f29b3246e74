package com.example.trading.console.security;

import com.example.trading.platform.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the console: operators only ({@code trading.operator}).
 *
 * <ul>
 *   <li>People sign in through the identity provider with authorization code + PKCE (the public
 *       client {@code trading-console}); the console never sees a password. A page asked for
 *       without a session goes to the identity provider's sign-in.
 *   <li>Scripts and tests may instead present an operator's bearer token. Any other token (a
 *       customer's) is refused with {@code 403}, an invalid one with {@code 401}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

  static final String REGISTRATION = "trading";

  @Bean
  @Order(1)
  SecurityFilterChain bearerTokens(HttpSecurity http) throws Exception {
    http.securityMatcher(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasAuthority(Scopes.OPERATOR_AUTHORITY))
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain signedInOperators(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/webjars/**",
                        "/css/**",
                        "/signed-out",
                        "/denied",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(Scopes.OPERATOR_AUTHORITY))
        .oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION))
        .logout(logout -> logout.logoutSuccessUrl("/signed-out"))
        .exceptionHandling(errors -> errors.accessDeniedPage("/denied"));
    return http.build();
  }
}
