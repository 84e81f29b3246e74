package com.example.trading.console.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages around signing in: refused (not an operator) and signed out. */
@Controller
class SignInPages {

  @GetMapping("/denied")
  String denied(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    return "denied";
  }

  @GetMapping("/signed-out")
  String signedOut() {
    return "signed-out";
  }
}
