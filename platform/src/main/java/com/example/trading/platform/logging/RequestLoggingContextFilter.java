package com.example.trading.platform.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While an API request is handled, the logging context names the account or order its path is about
 * ({@code /api/accounts/{accountId}/...}, {@code /api/orders/{orderId}/...}), next to the request's
 * {@code traceId}/{@code spanId}; what a command then handles may name more.
 */
public final class RequestLoggingContextFilter extends OncePerRequestFilter {

  private static final Pattern ACCOUNT = Pattern.compile("^/api/accounts/([^/]+)(/.*)?$");
  private static final Pattern ORDER = Pattern.compile("^/api/orders/([^/]+)(/.*)?$");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    try (LoggingContext context =
        LoggingContext.of(null, null)
            .with(LoggingContext.ACCOUNT_ID, idIn(ACCOUNT, path))
            .with(LoggingContext.ORDER_ID, idIn(ORDER, path))) {
      chain.doFilter(request, response);
    }
  }

  private static String idIn(Pattern pattern, String path) {
    Matcher matcher = pattern.matcher(path);
    // bounded, so a hostile path cannot fill the logs
    return matcher.matches() && matcher.group(1).length() <= 128 ? matcher.group(1) : null;
  }
}
