package com.example.trading.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Columns aligned for a terminal; a null cell prints as {@code -}. */
final class Table {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /** Two columns, a name and its value per row. */
  static Table details() {
    return new Table(List.of());
  }

  Table row(Object... cells) {
    rows.add(
        Arrays.stream(cells).map(cell -> cell == null ? "-" : Objects.toString(cell)).toList());
    return this;
  }

  String render() {
    List<List<String>> lines = new ArrayList<>();
    if (!headers.isEmpty()) {
      lines.add(headers);
    }
    lines.addAll(rows);
    int columns = lines.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        row.append(i == line.size() - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
      }
      text.append(row.toString().stripTrailing()).append('\n');
    }
    if (lines.size() == (headers.isEmpty() ? 0 : 1)) {
      text.append("(none)\n");
    }
    return text.toString();
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(Math.max(0, width - cell.length()));
  }
}
