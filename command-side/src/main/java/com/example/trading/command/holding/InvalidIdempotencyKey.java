package com.example.trading.command.holding;

/**
 * A deposit's {@code Idempotency-Key} header is missing or not 1-64 visible ASCII characters
 * ({@code 400}).
 */
public class InvalidIdempotencyKey extends RuntimeException {

  InvalidIdempotencyKey(boolean missing) {
    super(missing ? "is required on a deposit" : "must be 1-64 visible ASCII characters");
  }
}
