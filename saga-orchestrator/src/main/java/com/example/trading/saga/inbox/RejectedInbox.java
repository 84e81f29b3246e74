package com.example.trading.saga.inbox;

import com.example.trading.platform.deadletters.DeadLetter;
import com.example.trading.platform.deadletters.DeadLetterSource;
import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The event records the inbox could not read ({@code inbox_rejected}) as a dead-letter source
 * ({@code /ops/dead-letters/inbox-rejected}): a re-drive hands the stored record to the inbox
 * again, which stores it once by its message id (so once a version that reads it is deployed, the
 * saga gets the event); one still unreadable stays where it is.
 */
@Component
class RejectedInbox implements DeadLetterSource {

  static final String NAME = "inbox-rejected";

  private final JdbcTemplate jdbc;
  private final InboxWriter writer;

  RejectedInbox(JdbcTemplate jdbc, InboxWriter writer) {
    this.jdbc = jdbc;
    this.writer = writer;
  }

  /** A row as it is stored. */
  private record Row(
      long id,
      String topic,
      int partition,
      long offset,
      String key,
      String headers,
      byte[] payload,
      String reason,
      String rejectedAt) {

    Map<String, String> headerMap() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String line : headers.split("\n")) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          map.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      return map;
    }

    DeadLetter toDeadLetter() {
      return new DeadLetter(
          Long.toString(id),
          key,
          headerMap(),
          payload == null ? null : new String(payload, StandardCharsets.UTF_8),
          reason,
          rejectedAt,
          topic + "/" + partition + "@" + offset);
    }

    ReceivedMessage toMessage() {
      List<MessageHeader> headers = new ArrayList<>();
      headerMap().forEach((name, value) -> headers.add(MessageHeader.text(name, value)));
      return new ReceivedMessage(topic, partition, offset, key, payload, headers, null);
    }
  }

  private static final RowMapper<Row> ROWS =
      (rs, n) ->
          new Row(
              rs.getLong("id"),
              rs.getString("topic"),
              rs.getInt("partition"),
              rs.getLong("offset"),
              rs.getString("message_key"),
              rs.getString("headers"),
              rs.getBytes("payload"),
              rs.getString("reason"),
              rs.getTimestamp("rejected_at").toInstant().toString());

  private static final String SELECT =
      """
      select id, topic, partition, "offset", message_key, headers, payload, reason, rejected_at from inbox_rejected""";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String redrivesTo() {
    return "the saga inbox (the orchestrator's event store, once per message id)";
  }

  @Override
  public List<DeadLetter> read() {
    return jdbc.query(SELECT + " order by id", ROWS).stream().map(Row::toDeadLetter).toList();
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    return row(id).map(Row::toDeadLetter);
  }

  @Override
  public void redrive(DeadLetter letter) {
    Row row =
        row(letter.id())
            .orElseThrow(() -> new RedriveFailedException("no inbox_rejected row " + letter.id()));
    writer.redrive(row.toMessage());
  }

  private Optional<Row> row(String id) {
    long rowId;
    try {
      rowId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return jdbc.query(SELECT + " where id = ?", ROWS, rowId).stream().findFirst();
  }
}
