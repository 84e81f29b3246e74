package com.example.trading.cli;

import com.example.trading.sdk.TradingApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** How a subcommand prints: a table for people, or the API's answer as JSON with {@code --json}. */
final class Output {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--json",
      description = "Print the API's answer as JSON (for scripts) instead of a table.")
  boolean json;

  private PrintWriter out;

  void writer(PrintWriter writer) {
    this.out = writer;
  }

  /** Prints {@code answer} as JSON, or {@code table} for people. */
  void print(Object answer, Table table) {
    if (json) {
      out.println(toJson(answer));
    } else {
      out.print(table.render());
    }
    out.flush();
  }

  /** Copies text as the API sent it (CSV), for people and scripts alike. */
  void copy(Reader text) throws IOException {
    text.transferTo(out);
    out.flush();
  }

  /** A line for people only (nothing with {@code --json}, whose output is one JSON document). */
  void note(String line) {
    if (!json) {
      out.println(line);
    }
  }

  static String toJson(Object answer) {
    try {
      return JSON.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A refusal for scripts: {@code {"error": {"status", "type", "title", "detail", "message",
   * "errors"}}}.
   */
  static String errorJson(TradingApiException refused) {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode body = error.putObject("error");
    body.put("status", refused.status());
    refused.type().ifPresent(type -> body.put("type", type));
    refused.title().ifPresent(title -> body.put("title", title));
    refused.detail().ifPresent(detail -> body.put("detail", detail));
    body.put("message", refused.getMessage());
    ArrayNode errors = body.putArray("errors");
    refused
        .fieldErrors()
        .forEach(
            field ->
                errors.addObject().put("field", field.field()).put("message", field.message()));
    return toJson(error);
  }
}
