package com.example.trading.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The answers of a resource server that refuses a request, as the API's other problems: {@code 401}
 * (no valid token) and {@code 403} (a valid token without the scope) with the {@code
 * WWW-Authenticate: Bearer ...} header of RFC 6750 and an RFC 9457 problem document.
 */
public final class BearerProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BearerTokenAuthenticationEntryPoint challenge =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
      throws IOException {
    challenge.commence(request, response, refusal);
    String detail =
        request.getHeader("Authorization") == null
            ? "This request needs a bearer token from the trading issuer (Authorization: Bearer <token>)."
            : "The bearer token is not valid here: " + refusal.getMessage();
    write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
      throws IOException {
    denial.handle(request, response, refusal);
    write(
        response,
        HttpStatus.FORBIDDEN,
        "forbidden",
        "Forbidden",
        "The token's scope does not allow this request.");
  }

  private static void write(
      HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "/problems/" + slug);
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
