package com.example.trading.exchange.settings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Applies the resilience settings to the order, cancel and status calls ({@code /venue/orders…}):
 * at the error rate a call answers 503 before the venue does anything, so a retry is always safe;
 * otherwise the venue acts first and the answer is then held back by the latency, so a client that
 * gives up waiting cannot tell whether its order was placed and has to ask (as with a real venue).
 * The feed, prices and settings are never delayed or failed, so a test can always turn faults off.
 */
public final class FaultInjectionFilter extends OncePerRequestFilter {

  private static final String UNAVAILABLE =
      """
      {"type":"/problems/venue-unavailable","title":"Venue unavailable","status":503,\
      "detail":"Injected error (errorRate setting): the venue did nothing; retry later."}""";

  private final CurrentSettings settings;
  private final RandomGenerator random;
  private final Counter injectedErrors;

  public FaultInjectionFilter(
      CurrentSettings settings, RandomGenerator random, MeterRegistry meters) {
    this.settings = settings;
    this.random = random;
    this.injectedErrors =
        Counter.builder("exchange.faults.injected")
            .tag("fault", "error")
            .description("Calls answered 503 by the error-rate setting")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/venue/orders") || path.startsWith("/venue/orders/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    VenueSettings current = settings.get();
    if (current.errorRate() > 0 && random.nextDouble() < current.errorRate()) {
      injectedErrors.increment();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getOutputStream().write(UNAVAILABLE.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (current.latencyMs() <= 0) {
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, held);
    try {
      Thread.sleep(current.latencyMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    held.copyBodyToResponse();
  }
}
