package com.example.trading.sdk;

/** Where the client's bearer tokens come from. */
public interface AccessTokens {

  /** A token to send now (fetched or refreshed as needed). */
  String current();

  /** The API refused {@code token} (401): do not hand it out again. */
  void invalidate(String token);

  /** A token obtained elsewhere, used as it is (no refresh). */
  static AccessTokens fixed(String token) {
    return new AccessTokens() {
      @Override
      public String current() {
        return token;
      }

      @Override
      public void invalidate(String refused) {}
    };
  }
}
