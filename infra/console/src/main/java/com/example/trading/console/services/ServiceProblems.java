package com.example.trading.console.services;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A page that needs a service which did not answer says which one, with a bad-gateway status. */
@ControllerAdvice
class ServiceProblems {

  @ExceptionHandler(ServiceUnavailable.class)
  String unavailable(ServiceUnavailable problem, Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
    model.addAttribute("problem", problem.getMessage());
    return "unavailable";
  }
}
