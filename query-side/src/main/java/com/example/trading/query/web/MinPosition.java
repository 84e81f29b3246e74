package com.example.trading.query.web;

import com.example.trading.schemas.PositionToken;

/**
 * Reads the read-your-writes token from {@code ?minPosition=} or the {@code X-Min-Position} header.
 */
public final class MinPosition {

  public static final String HEADER = "X-Min-Position";

  /** What the parameter and the header are, for the API's documents. */
  public static final String DESCRIPTION =
      "a position token of a command's answer: the view is read once it "
          + "reflects that write (query parameter, or header "
          + HEADER
          + ")";

  /** What a read given a position does, for the API's documents. */
  public static final String WAITS =
      "With minPosition, waits up to a bound for the view to reach it, then 503 "
          + "with Retry-After.";

  private MinPosition() {}

  /**
   * @return the token, or null when neither is given
   * @throws InvalidQueryException when the text is not a position token
   */
  public static PositionToken of(String queryParameter, String header) {
    String text = queryParameter != null && !queryParameter.isBlank() ? queryParameter : header;
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return PositionToken.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("minPosition", e.getMessage());
    }
  }
}
