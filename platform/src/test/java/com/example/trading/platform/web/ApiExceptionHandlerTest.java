package com.example.trading.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;

class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void anUnexpectedFailureIsAProblemDocumentThatKeepsItsTextToTheLog() throws Exception {
    ProblemDetail problem =
        handler.unexpected(new IllegalStateException("password=hunter2 at db-7.internal"));

    assertThat(problem.getStatus()).isEqualTo(500);
    assertThat(problem.getType()).isEqualTo(URI.create("/problems/internal-error"));
    assertThat(problem.getTitle()).isEqualTo("Internal error");
    assertThat(problem.getDetail()).doesNotContain("hunter2").doesNotContain("db-7");
  }

  @Test
  void theSecurityChainStillAnswersItsOwnRefusals() {
    AccessDeniedException denied = new AccessDeniedException("no");
    BadCredentialsException unauthenticated = new BadCredentialsException("no");

    assertThatThrownBy(() -> handler.unexpected(denied)).isSameAs(denied);
    assertThatThrownBy(() -> handler.unexpected(unauthenticated)).isSameAs(unauthenticated);
  }
}
