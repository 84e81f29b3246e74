package com.example.trading.audit;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.schemas.codec.StoredClassNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the command side's Axon event store ({@code domain_event_entry}) in global order, in pages,
 * and decodes each payload with the contract's {@link MessageCodec} (so old revisions are upcast
 * exactly as the services upcast them). The payload type column holds the event record's class
 * name.
 */
public final class EventStoreReader {

  private static final int PAGE = 5_000;
  private static final String SELECT =
      """
      select global_index, aggregate_identifier, sequence_number, time_stamp, payload_type, payload_revision, payload,
             meta_data
      from domain_event_entry where global_index > ? order by global_index limit ?""";

  private static final ObjectMapper METADATA = new ObjectMapper();
  private final MessageCodec codec = new MessageCodec();
  private final Connection connection;

  public EventStoreReader(Connection connection) {
    this.connection = connection;
  }

  /** Hands every stored event to {@code sink} in global order; returns how many were read. */
  public long readAll(Consumer<StoredEvent> sink) throws SQLException {
    long after = -1;
    long read = 0;
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      while (true) {
        select.setLong(1, after);
        select.setInt(2, PAGE);
        int rows = 0;
        try (ResultSet page = select.executeQuery()) {
          while (page.next()) {
            rows++;
            after = page.getLong(1);
            sink.accept(decode(page));
          }
        }
        read += rows;
        if (rows < PAGE) {
          return read;
        }
      }
    }
  }

  private StoredEvent decode(ResultSet row) throws SQLException {
    String payloadType = row.getString(5);
    String revision = row.getString(6);
    long globalIndex = row.getLong(1);
    Class<?> type =
        StoredClassNames.classOf(payloadType)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "event "
                            + globalIndex
                            + " has a payload type this audit does not know: "
                            + payloadType));
    if (!(codec.deserialize(
            codec.typeName(type),
            revision == null ? 1 : Integer.parseInt(revision),
            row.getBytes(7))
        instanceof TradingEvent payload)) {
      throw new IllegalStateException(
          "event " + globalIndex + " is not an aggregate's event: " + payloadType);
    }
    return new StoredEvent(
        row.getLong(1),
        row.getString(2),
        row.getLong(3),
        Instant.parse(row.getString(4)),
        payload,
        principal(row.getBytes(8)));
  }

  private static String principal(byte[] metadata) {
    if (metadata == null) {
      return null;
    }
    try {
      JsonNode principal = METADATA.readTree(metadata).get(MessageMetadata.PRINCIPAL);
      return principal == null || principal.isNull() ? null : principal.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
