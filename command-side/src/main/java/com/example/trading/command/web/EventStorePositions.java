package com.example.trading.command.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The position tokens that command responses carry: the global index of the newest stored event
 * of the aggregate the command touched. Every event up to it is in the store, so a view that has
 * applied that position reflects the command (read-your-writes).
 */
@Component
public class EventStorePositions {

  private final JdbcTemplate jdbc;

  EventStorePositions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The token for an aggregate, or {@code "0"} when it has no events. */
  public String afterCommandOn(String aggregateId) {
    Long position = jdbc.queryForObject(
        "select max(global_index) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregateId);
    return position == null ? "0" : position.toString();
  }
}
