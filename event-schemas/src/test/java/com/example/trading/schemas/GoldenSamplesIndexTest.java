package com.example.trading.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoldenSamplesIndexTest {

  @Test
  void theIndexListsEveryGoldenFile() throws Exception {
    assertThat(
            GoldenSamples.all().stream()
                .map(s -> s.type() + ".v" + s.revision() + ".json")
                .sorted()
                .toList())
        .isEqualTo(GoldenSamples.filesInSourceFolder());
  }
}
