package com.example.trading.query.web;

/** The order or account asked for is not in the views. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
