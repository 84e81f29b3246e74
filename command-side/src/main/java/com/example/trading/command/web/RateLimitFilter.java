package com.example.trading.command.web;

import com.example.trading.platform.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-principal rate limits on the command API (Bucket4j token buckets, one per token subject, kept
 * for an hour of inactivity): past its limit a caller gets {@code 429} with {@code Retry-After} and
 * a problem document, and nothing reaches a command handler. Customers and operators have limits of
 * their own ({@code trading.rate-limit.*}); runs after authentication, so the subject is the
 * token's, never something a caller can choose.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

  /** A limit: {@code perSecond} sustained, bursts up to {@code burst}. */
  public record Limit(long perSecond, long burst) {
    public Limit {
      if (perSecond < 1 || burst < perSecond) {
        throw new IllegalArgumentException(
            "a rate limit needs perSecond >= 1 and burst >= perSecond");
      }
    }
  }

  private final Limit customers;
  private final Limit operators;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(1_000_000).build();
  private final Counter limitedCustomers;
  private final Counter limitedOperators;

  public RateLimitFilter(Limit customers, Limit operators, MeterRegistry meters) {
    this.customers = customers;
    this.operators = operators;
    this.limitedCustomers =
        Counter.builder("trading.api.rate.limited")
            .tag("caller", "customer")
            .description("Requests answered 429 because the caller was over its rate limit")
            .register(meters);
    this.limitedOperators =
        Counter.builder("trading.api.rate.limited")
            .tag("caller", "operator")
            .description("Requests answered 429 because the caller was over its rate limit")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller;
    try {
      caller = Caller.current();
    } catch (IllegalStateException unauthenticated) {
      chain.doFilter(request, response); // refused by the security chain already
      return;
    }
    Limit limit = caller.operator() ? operators : customers;
    Bucket bucket =
        buckets.get(
            caller.principal(),
            principal ->
                Bucket.builder()
                    .addLimit(
                        bandwidth ->
                            bandwidth
                                .capacity(limit.burst())
                                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    (caller.operator() ? limitedOperators : limitedCustomers).increment();
    long retryAfterSeconds =
        Math.max(
            1,
            Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    response.setContentType("application/problem+json");
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"/problems/rate-limited\",\"title\":\"Too many requests\","
                    + "\"status\":429,\"detail\":\"More than "
                    + limit.perSecond()
                    + " requests per second (bursts of "
                    + limit.burst()
                    + "); send again after Retry-After seconds. Nothing was done.\",\"retryAfterSeconds\":"
                    + retryAfterSeconds
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
