package com.example.trading.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesJournalTest {

  record Entry(long n, String text) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void replaysEveryEntryInTheOrderItWasAppended() {
    Path file = dir.resolve("nested/journal.jsonl");
    try (JsonLinesJournal<Entry> journal = open(file, new ArrayList<>())) {
      journal.append(new Entry(1, "one"));
      journal.append(new Entry(2, "two\nlines"));
    }

    List<Entry> replayed = new ArrayList<>();
    open(file, replayed).close();

    assertThat(replayed).containsExactly(new Entry(1, "one"), new Entry(2, "two\nlines"));
  }

  @Test
  void discardsATornLastLineAndAppendsAfterIt() throws IOException {
    Path file = dir.resolve("journal.jsonl");
    try (JsonLinesJournal<Entry> journal = open(file, new ArrayList<>())) {
      journal.append(new Entry(1, "one"));
    }
    Files.writeString(file, "{\"n\":2,\"te", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    List<Entry> replayed = new ArrayList<>();
    try (JsonLinesJournal<Entry> journal = open(file, replayed)) {
      journal.append(new Entry(3, "three"));
    }
    assertThat(replayed).containsExactly(new Entry(1, "one"));

    List<Entry> afterRepair = new ArrayList<>();
    open(file, afterRepair).close();
    assertThat(afterRepair).containsExactly(new Entry(1, "one"), new Entry(3, "three"));
  }

  @Test
  void discardsAnUnreadableLastLineThatWasNeverAcknowledged() throws IOException {
    Path file = dir.resolve("journal.jsonl");
    Files.writeString(file, "{\"n\":1,\"text\":\"one\"}\n{\"n\":2,\u0000\u0000\n");

    List<Entry> replayed = new ArrayList<>();
    open(file, replayed).close();

    assertThat(replayed).containsExactly(new Entry(1, "one"));
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1,\"text\":\"one\"}\n");
  }

  @Test
  void refusesAJournalWithABrokenLineBeforeTheEnd() throws IOException {
    Path file = dir.resolve("journal.jsonl");
    Files.writeString(
        file, "{\"n\":1,\"text\":\"one\"}\n{\"n\":2,\"te\n{\"n\":3,\"text\":\"three\"}\n");

    assertThatThrownBy(() -> open(file, new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt at line 2");
  }

  @Test
  void refusesASecondOpenWhileTheJournalIsInUse() {
    Path file = dir.resolve("journal.jsonl");
    try (JsonLinesJournal<Entry> journal = open(file, new ArrayList<>())) {
      assertThat(journal.healthy()).isTrue();
      assertThatThrownBy(() -> open(file, new ArrayList<>()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void refusesAppendsAfterAFailedOne() {
    Path file = dir.resolve("journal.jsonl");
    JsonLinesJournal<Entry> journal = open(file, new ArrayList<>());
    journal.close();

    assertThatThrownBy(() -> journal.append(new Entry(1, "one")))
        .isInstanceOf(JsonLinesJournal.JournalFailure.class);
    assertThat(journal.healthy()).isFalse();
    assertThatThrownBy(() -> journal.append(new Entry(2, "two")))
        .isInstanceOf(JsonLinesJournal.JournalFailure.class)
        .hasMessageContaining("restart");
  }

  private static JsonLinesJournal<Entry> open(Path file, List<Entry> replayed) {
    return JsonLinesJournal.open(file, Entry.class, JSON, replayed::add);
  }
}
