package com.example.trading.platform.web;

/**
 * The caller is known but may not do this ({@code 403}, e.g. a customer asking for an operator's
 * action).
 */
public class Forbidden extends RuntimeException {

  public Forbidden(String message) {
    super(message);
  }
}
