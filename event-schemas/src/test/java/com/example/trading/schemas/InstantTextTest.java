package com.example.trading.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

  @Test
  void readsWhatInstantWritesExactlyAsInstantParseDoes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_000_000_000L, 250_000_000_000L),
              switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      String text = instant.toString();
      assertThat(InstantText.parse(text))
          .as(text)
          .isEqualTo(Instant.parse(text))
          .isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-01T10:15:30.1Z",
        "2026-12-01T10:15:30.12345Z",
        "2026-12-01T10:15:30+02:00",
        "+12026-12-01T10:15:30Z",
        "2026-12-01T10:15:30.123456789Z",
        "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z",
        "2026-12-01T10:15:30.Z"
      })
  void agreesWithInstantParseOnOtherForms(String text) {
    assertThat(InstantText.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-13-01T10:15:30Z",
        "2026-02-30T10:15:30Z",
        "2026-12-01T24:15:30Z",
        "2026-12-01T10:60:30Z",
        "2026-12-01T10:15:30.1234567890Z",
        "2026-12-0xT10:15:30Z",
        "2026-12-01 10:15:30Z",
        "yesterday",
        ""
      })
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> InstantText.parse(text)).isInstanceOf(DateTimeException.class);
  }
}
