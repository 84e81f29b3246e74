package com.example.trading.saga.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.teststack.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stuck means no progress, not an early start: a saga that started long ago but moved a minute ago
 * is not stuck, one whose last move was an hour ago is (however recently it retried), and an order
 * resting at the venue is never stuck. Finished sagas' rows go after their retention.
 *
 * <p>An operator re-sends what a saga waits for through {@code POST /ops/sagas/{orderId}/resend}:
 * an open venue request is made due now; a step waiting for commands' effects has its deadline made
 * due now (so the saga asks again as on any passed deadline); either is recorded with the operator
 * and the reason, and listed by {@code GET /ops/sagas/{orderId}/actions}. Nothing pending (resting
 * at the venue, finished), no reason, no saga or a customer's token: refused, nothing recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StuckSagasIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    SagaTestSupport.register(registry, "http://127.0.0.1:9");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SagaStatusCleanUp cleanUp;

  private final String prefix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void stuckGoesByLastProgressAndLeavesRestingOrdersOut() {
    status("moved-lately", "RESERVING", "2 hours", "1 minute", "1 minute", null);
    status("no-progress", "RESERVING", "2 hours", "1 hour", "10 seconds", null);
    status("resting", "ON_MARKET", "2 hours", "1 hour", "1 hour", null);

    String stuck = TestHttp.asOperator().get(port, "/ops/sagas/stuck?olderThan=PT5M").body();

    assertThat(stuck)
        .contains(prefix + "-no-progress")
        .doesNotContain(prefix + "-moved-lately")
        .doesNotContain(prefix + "-resting");
  }

  @Test
  void finishedSagasRowsGoAfterTheirRetention() {
    status("finished-long-ago", "FINISHING", "9 days", "8 days", "8 days", "8 days");
    status("finished-lately", "FINISHING", "2 days", "1 day", "1 day", "1 day");

    cleanUp.workOnce();

    assertThat(
            jdbc.queryForList(
                "select order_id from saga_status where order_id like ?",
                String.class,
                prefix + "%"))
        .containsExactly(prefix + "-finished-lately");
  }

  private void status(
      String name,
      String step,
      String startedAgo,
      String progressedAgo,
      String updatedAgo,
      String finishedAgo) {
    jdbc.update(
        """
        insert into saga_status (order_id, correlation_id, step, started_at, progressed_at, updated_at, finished_at)
        values (?, ?, ?, now() - ?::interval, now() - ?::interval, now() - ?::interval, now() - ?::interval)""",
        prefix + "-" + name,
        prefix + "-" + name,
        step,
        startedAgo,
        progressedAgo,
        updatedAgo,
        finishedAgo);
  }

  @Test
  void aStepWaitingForCommandsHasItsDeadlineMadeDueAndTheActionIsRecorded() throws Exception {
    String orderId = saga("charging", "CHARGING_FEE", false);

    var answer = resend(orderId, "{\"reason\":\"fee service restarted\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(
            jdbc.queryForObject(
                "select deadline_at is null or deadline_at <= now() from saga_status"
                    + " where order_id = ?",
                Boolean.class,
                orderId))
        .as("due now, or already delivered (and cleared) since: no longer an hour away")
        .isTrue();
    JsonNode actions = JSON.readTree(TestHttp.asOperator().get(port, actionsOf(orderId)).body());
    assertThat(actions).hasSize(1);
    assertThat(actions.get(0).path("action").asText()).isEqualTo("RESEND");
    assertThat(actions.get(0).path("step").asText()).isEqualTo("CHARGING_FEE");
    assertThat(actions.get(0).path("operator").asText()).startsWith("operator:");
    assertThat(actions.get(0).path("reason").asText()).isEqualTo("fee service restarted");
    assertThat(actions.get(0).path("detail").asText()).contains("deadline made due now");
  }

  @Test
  void anOpenVenueRequestIsMadeDueNowWhateverTheStep() throws Exception {
    String orderId = saga("submitting", "SUBMITTING", false);
    jdbc.update(
        """
        insert into market_request (order_id, kind, payload, attempts, next_attempt_at, last_error)
        values (?, 'SUBMIT', '{}'::bytea, 3, now() + interval '1 hour', 'venue answered 503')""",
        orderId);

    var answer = resend(orderId, "{\"reason\":\"venue back\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(JSON.readTree(answer.body()).path("detail").asText())
        .isEqualTo("venue request SUBMIT made due now");
    assertThat(
            jdbc.queryForObject(
                "select next_attempt_at <= now() or attempts > 3 from market_request"
                    + " where order_id = ?",
                Boolean.class,
                orderId))
        .as("due now, or already claimed by the gateway's workers since (not an hour away)")
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "select deadline_at > now() + interval '30 minutes' from saga_status"
                    + " where order_id = ?",
                Boolean.class,
                orderId))
        .as("the step's deadline is left as it was")
        .isTrue();
  }

  @Test
  void nothingPendingNoReasonNoSagaOrACustomerIsRefusedAndNothingIsRecorded() throws Exception {
    String resting = saga("resting", "ON_MARKET", false);
    String finished = saga("finished", "FINISHING", true);
    String charging = saga("no-reason", "CHARGING_FEE", false);

    var onMarket = resend(resting, "{\"reason\":\"why not\"}");
    assertThat(onMarket.statusCode()).as(onMarket.body()).isEqualTo(409);
    assertThat(onMarket.body()).contains("works at the venue").contains("cancel the order");
    assertThat(resend(finished, "{\"reason\":\"why not\"}").body()).contains("finished");
    assertThat(resend(charging, "{\"reason\":\"  \"}").statusCode()).isEqualTo(400);
    assertThat(resend(charging, "").statusCode()).isEqualTo(400);
    assertThat(resend(prefix + "-nobody", "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(
            TestHttp.asCustomer("cust-" + prefix)
                .postJson(port, "/ops/sagas/" + charging + "/resend", "{\"reason\":\"x\"}")
                .statusCode())
        .isEqualTo(403);

    assertThat(
            jdbc.queryForObject(
                "select count(*) from saga_operator_action where order_id like ?",
                Integer.class,
                prefix + "%"))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select deadline_at > now() + interval '30 minutes' from saga_status"
                    + " where order_id = ?",
                Boolean.class,
                charging))
        .as("the step's deadline is left as it was")
        .isTrue();
  }

  private java.net.http.HttpResponse<String> resend(String orderId, String body) {
    return TestHttp.asOperator().postJson(port, "/ops/sagas/" + orderId + "/resend", body);
  }

  private static String actionsOf(String orderId) {
    return "/ops/sagas/" + orderId + "/actions";
  }

  private String saga(String name, String step, boolean finished) {
    String orderId = prefix + "-" + name;
    jdbc.update(
        """
        insert into saga_status (order_id, correlation_id, step, retries, deadline_at, finished_at)
        values (?, ?, ?, 2, case when ? then null else now() + interval '1 hour' end,
                case when ? then now() else null end)""",
        orderId,
        orderId,
        step,
        finished,
        finished);
    return orderId;
  }
}
