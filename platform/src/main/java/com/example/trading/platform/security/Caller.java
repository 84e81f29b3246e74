package com.example.trading.platform.security;

import com.example.trading.platform.web.Forbidden;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sent the request being handled: the token's subject and whether it acts as an operator or as
 * a customer (whose customer id is the subject). A token with neither scope never reaches a
 * controller (the filter chain answers 403).
 */
public record Caller(String subject, boolean operator) {

  /** The caller of the request on this thread; fails when there is none (an unsecured path). */
  public static Caller current() {
    return from(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new IllegalStateException("no authenticated caller on this request"));
  }

  static Optional<Caller> from(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication.getName() == null) {
      return Optional.empty();
    }
    boolean operator = has(authentication, Scopes.OPERATOR_AUTHORITY);
    if (!operator && !has(authentication, Scopes.CUSTOMER_AUTHORITY)) {
      return Optional.empty();
    }
    return Optional.of(new Caller(authentication.getName(), operator));
  }

  /** True when this caller may act on an account owned by {@code customerId}. */
  public boolean mayActFor(String customerId) {
    return operator || subject.equals(customerId);
  }

  /**
   * Refuses a customer ({@code 403}): the request is the back office's.
   *
   * @throws Forbidden for a customer
   */
  public void requireOperator() {
    if (!operator) {
      throw new Forbidden("Only an operator (scope " + Scopes.OPERATOR + ") may do this.");
    }
  }

  /** The customer id of a customer caller; empty for an operator. */
  public Optional<String> customerId() {
    return operator ? Optional.empty() : Optional.of(subject);
  }

  /**
   * How the caller is recorded as the cause of what it did: {@code operator:<sub>} or {@code
   * customer:<sub>}.
   */
  public String principal() {
    return (operator ? "operator:" : "customer:") + subject;
  }

  private static boolean has(Authentication authentication, String authority) {
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      if (authority.equals(granted.getAuthority())) {
        return true;
      }
    }
    return false;
  }
}
