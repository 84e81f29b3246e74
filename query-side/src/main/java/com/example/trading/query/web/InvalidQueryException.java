package com.example.trading.query.web;

/** A query parameter that cannot be used as given; answered 400 naming the parameter. */
public class InvalidQueryException extends RuntimeException {

  private final String parameter;

  public InvalidQueryException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
