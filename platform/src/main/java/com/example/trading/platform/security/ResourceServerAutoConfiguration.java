package com.example.trading.platform.security;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service's HTTP API is an OAuth2 resource server (API.md "Identity and authorization"): a
 * JWT from the configured issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri},
 * signature by its JWKS, issuer, audience, expiry) on every request but health and info; the
 * operator scope for {@code /ops/**} and the rest of the actuator; the operator or customer scope
 * for {@code /api/**}, where the controllers decide per account ({@link Caller}). Stateless: no
 * session, no cookies, so no CSRF surface.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
    beforeName = {
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class, HttpSecurity.class})
public class ResourceServerAutoConfiguration {

  /** Paths anyone may call: liveness and readiness probes, build info, the API documents. */
  static final String[] OPEN_PATHS = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/error"
  };

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain tradingResourceServer(HttpSecurity http) throws Exception {
    BearerProblems problems = new BearerProblems();
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(OPEN_PATHS)
                    .permitAll()
                    .requestMatchers("/api/**")
                    .hasAnyAuthority(Scopes.OPERATOR_AUTHORITY, Scopes.CUSTOMER_AUTHORITY)
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

  /** Lets a controller method take the {@link Caller} of the request as a parameter. */
  @Bean
  WebMvcConfigurer callerArgument() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(
            new HandlerMethodArgumentResolver() {
              @Override
              public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
              }

              @Override
              public Object resolveArgument(
                  MethodParameter parameter,
                  ModelAndViewContainer container,
                  NativeWebRequest request,
                  WebDataBinderFactory binders) {
                return Caller.from(SecurityContextHolder.getContext().getAuthentication())
                    .orElseThrow(
                        () -> new IllegalStateException("no authenticated caller on " + request));
              }
            });
      }
    };
  }
}
