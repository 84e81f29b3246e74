package com.example.trading.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body sent to {@code /api/**} must be JSON: any other content type answers {@code 415} with a
 * problem document before anything (the security filters included) reads the body as a form. This
 * also closes cross-site form posts, which can only send form and text content types. Requests
 * without a body (a cancel) pass.
 */
public final class JsonBodyFilter extends OncePerRequestFilter {

  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !WITH_BODY.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean hasBody =
        request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    if (hasBody && !isJson(request.getContentType())) {
      response.setStatus(415);
      response.setHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
      response.setContentType("application/problem+json");
      response
          .getOutputStream()
          .write(
              ("{\"type\":\"/problems/unsupported-media-type\",\"title\":\"Unsupported "
                      + "media type\",\"status\":415,\"detail\":\"Request bodies must be application/json.\"}")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      // a concrete JSON type: */* or application/* say nothing about the body
      return !type.isWildcardType()
          && !type.isWildcardSubtype()
          && type.getType().equals("application")
          && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    } catch (InvalidMediaTypeException malformed) {
      return false;
    }
  }
}
