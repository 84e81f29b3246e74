package com.example.trading.query.web;

import com.example.trading.schemas.PositionToken;

/** Reads the read-your-writes token from {@code ?minPosition=} or the {@code X-Min-Position} header. */
public final class MinPosition {

  public static final String HEADER = "X-Min-Position";

  private MinPosition() {
  }

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
