package com.example.trading.e2e;

import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a failing run knows about the orders it left unfinished, gathered before the test's
 * databases are dropped: for each order, its saga's status and stored state, the events of the
 * order in both event stores, its market requests, outbox rows and pending deadlines, then every
 * process's log lines that name it; and the saga processor's and the relay's tokens. Written to
 * {@code target/unfinished-orders-*.txt}; the assertion message gives the path and the start.
 */
final class UnfinishedOrderReport {

  private static final int MAX_ORDERS = 5;
  private static final int MAX_LOG_LINES = 60;

  private UnfinishedOrderReport() {}

  /** The report's path and its first lines, or a note that every order ended. */
  static String of(RunningSystem system, List<String> orderIds) {
    if (orderIds.isEmpty()) {
      return "every order ended";
    }
    StringBuilder report = new StringBuilder();
    report.append(orderIds.size()).append(" unfinished order(s): ").append(orderIds).append('\n');
    TestStack stack = TestStack.get();
    try (Connection saga =
            DriverManager.getConnection(
                system.sagaJdbcUrl, stack.postgresUser(), stack.postgresPassword());
        Connection command =
            DriverManager.getConnection(
                system.commandJdbcUrl, stack.postgresUser(), stack.postgresPassword())) {
      section(
          report,
          "saga processor tokens",
          saga,
          "select segment, owner, convert_from(token, 'UTF8') as token, time_stamp from token_entry order by segment");
      section(
          report,
          "command side tokens",
          command,
          "select processor_name, segment, owner, convert_from(token, 'UTF8') as token from token_entry");
      for (String orderId : orderIds.stream().limit(MAX_ORDERS).toList()) {
        report.append("\n######## order ").append(orderId).append('\n');
        section(
            report, "saga status", saga, "select * from saga_status where order_id = ?", orderId);
        section(
            report,
            "stored saga",
            saga,
            """
            select s.saga_id, convert_from(s.serialized_saga, 'UTF8') as saga from saga_entry s
            join association_value_entry a on a.saga_id = s.saga_id
            where a.association_key = 'orderId' and a.association_value = ?""",
            orderId);
        section(
            report,
            "saga store events",
            saga,
            """
            select global_index, event_identifier, aggregate_identifier, sequence_number, time_stamp,
                   substring(payload_type from '[^.$]*$') as type, convert_from(payload, 'UTF8') as payload
            from domain_event_entry where position(convert_to(?, 'UTF8') in payload) > 0 order by global_index""",
            orderId);
        section(
            report,
            "market requests",
            saga,
            """
            select id, kind, created_at, attempts, next_attempt_at, done_at, outcome, last_error
            from market_request where order_id = ? order by id""",
            orderId);
        section(
            report,
            "outbox",
            saga,
            """
            select id, message_type, message_key, created_at, published_at from command_outbox
            where correlation_id = ? order by id""",
            orderId);
        section(
            report,
            "legacy db-scheduler deadlines (the armed one is deadline_at in the status)",
            saga,
            """
            select task_instance, execution_time, picked, picked_by, last_heartbeat, consecutive_failures
            from scheduled_tasks where position(convert_to(?, 'UTF8') in task_data) > 0""",
            orderId);
        section(
            report,
            "command side events",
            command,
            """
            select global_index, aggregate_identifier, sequence_number, time_stamp,
                   substring(payload_type from '[^.$]*$') as type, convert_from(payload, 'UTF8') as payload
            from domain_event_entry where position(convert_to(?, 'UTF8') in payload) > 0 order by global_index""",
            orderId);
        for (ServiceProcess process : processes(system)) {
          logLines(report, process, orderId);
        }
      }
    } catch (SQLException e) {
      report.append("could not read the databases: ").append(e).append('\n');
    }
    Path file = Path.of("target", "unfinished-orders-" + Instant.now().toEpochMilli() + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = report.toString();
    return "unfinished orders, full report in "
        + file.toAbsolutePath()
        + ":\n"
        + text.substring(0, Math.min(text.length(), 20_000));
  }

  private static List<ServiceProcess> processes(RunningSystem system) {
    return Stream.of(
            List.of(system.exchange),
            system.commandSides,
            system.sagas,
            system.projectionsInstances)
        .flatMap(List::stream)
        .toList();
  }

  private static void section(
      StringBuilder report, String title, Connection connection, String sql, Object... parameters) {
    report.append("--- ").append(title).append('\n');
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int k = 0; k < parameters.length; k++) {
        statement.setObject(k + 1, parameters[k]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData columns = rows.getMetaData();
        while (rows.next()) {
          List<String> values = new ArrayList<>();
          for (int c = 1; c <= columns.getColumnCount(); c++) {
            values.add(columns.getColumnLabel(c) + "=" + rows.getString(c));
          }
          report.append("  ").append(String.join(" | ", values)).append('\n');
        }
      }
    } catch (SQLException e) {
      report.append("  could not read: ").append(e.getMessage()).append('\n');
    }
  }

  private static void logLines(StringBuilder report, ServiceProcess process, String orderId) {
    try (Stream<String> lines = Files.lines(process.logFile().toPath())) {
      List<String> naming = lines.filter(line -> line.contains(orderId)).toList();
      report
          .append("--- log of port ")
          .append(process.port())
          .append(" (")
          .append(process.logFile())
          .append("): ")
          .append(naming.size())
          .append(" line(s) naming the order\n");
      naming.stream()
          .skip(Math.max(0, naming.size() - MAX_LOG_LINES))
          .forEach(
              line ->
                  report
                      .append("  ")
                      .append(line.length() > 600 ? line.substring(0, 600) : line)
                      .append('\n'));
    } catch (IOException | UncheckedIOException e) {
      report
          .append("--- log of port ")
          .append(process.port())
          .append(": unreadable: ")
          .append(e)
          .append('\n');
    }
  }
}
