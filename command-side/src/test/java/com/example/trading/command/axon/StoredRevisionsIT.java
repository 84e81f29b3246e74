package com.example.trading.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.command.fee.FeeIds;
import com.example.trading.schemas.FeeCommand.SettleFee;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.GoldenSamples;
import java.math.BigDecimal;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events stored in an older revision are read through the contract's upcasters: a FeeCharged of
 * revision 1 (written before the schedule was recorded) is read as revision 2 by the event store,
 * and the Fee aggregate built from it works; a FeeSettled of revision 1 (the whole hold, settled at
 * the first fill) is read as revision 2 with nothing refunded.
 */
class StoredRevisionsIT extends CommandSideIntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired EventStore eventStore;
  @Autowired CommandGateway commands;

  @Test
  void aRevisionOneFeeChargedIsReadAsRevisionTwoAndTheFeeStillSettlesOnWhatTraded() {
    String orderId = UUID.randomUUID().toString();
    store(orderId, 0, FeeCharged.class, GoldenSamples.get("FeeCharged", 1));

    var stored = eventStore.readEvents(FeeIds.of(orderId)).asStream().toList();
    assertThat(stored)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getPayload())
                    .isEqualTo(
                        new FeeCharged(orderId, "acc-1", new BigDecimal("1.90"), "standard-v1")));

    commands.sendAndWait(new SettleFee(orderId, new BigDecimal("1.50"), new BigDecimal("1500.00")));
    assertThat(
            eventStore.readEvents(FeeIds.of(orderId)).asStream().map(e -> e.getPayload()).toList())
        .last()
        .isEqualTo(
            new FeeSettled(
                orderId,
                "acc-1",
                new BigDecimal("1.50"),
                new BigDecimal("0.40"),
                new BigDecimal("1500.00")));
  }

  @Test
  void aRevisionOneFeeSettledIsReadAsTheWholeHoldSettledOnTheEstimate() {
    String orderId = UUID.randomUUID().toString();
    store(orderId, 0, FeeCharged.class, GoldenSamples.get("FeeCharged", 2));
    store(orderId, 1, FeeSettled.class, GoldenSamples.get("FeeSettled", 1));

    assertThat(
            eventStore.readEvents(FeeIds.of(orderId)).asStream().map(e -> e.getPayload()).toList())
        .last()
        .isEqualTo(
            new FeeSettled(orderId, "acc-1", new BigDecimal("1.90"), new BigDecimal("0.00"), null));
    // settled already: a late settlement on what traded changes nothing
    commands.sendAndWait(new SettleFee(orderId, new BigDecimal("1.50"), new BigDecimal("1500.00")));
    assertThat(eventStore.readEvents(FeeIds.of(orderId)).asStream().count()).isEqualTo(2);
  }

  @Test
  void eventsStoredUnderTheirFamilysFormerPackageAreReadAsTheCurrentClasses() {
    String orderId = UUID.randomUUID().toString();
    // stored before the families moved to the contract's root package (TradingEvent sealed)
    store(
        orderId,
        0,
        "com.example.trading.schemas.fee.FeeEvent$FeeCharged",
        GoldenSamples.get("FeeCharged", 1));
    store(
        orderId,
        1,
        "com.example.trading.schemas.fee.FeeEvent$FeeSettled",
        GoldenSamples.get("FeeSettled", 2));

    assertThat(
            eventStore
                .readEvents(FeeIds.of(orderId))
                .asStream()
                .<Object>map(e -> e.getPayload())
                .toList())
        .containsExactly(
            new FeeCharged(orderId, "acc-1", new BigDecimal("1.90"), "standard-v1"),
            new FeeSettled(
                orderId,
                "acc-1",
                new BigDecimal("1.90"),
                new BigDecimal("0.10"),
                new BigDecimal("1901.10")));
    // the aggregate is built from them: settled already, a repeated settlement changes nothing
    commands.sendAndWait(new SettleFee(orderId, new BigDecimal("1.50"), new BigDecimal("1500.00")));
    assertThat(eventStore.readEvents(FeeIds.of(orderId)).asStream().count()).isEqualTo(2);
  }

  private void store(String orderId, int sequence, Class<?> type, GoldenSamples.Sample sample) {
    store(orderId, sequence, type.getName(), sample);
  }

  private void store(String orderId, int sequence, String storedType, GoldenSamples.Sample sample) {
    String json =
        new String(sample.json()).replace("3f1c2a9e-6d7b-3c1e-9a51-2b4d8e7f0c11", orderId);
    jdbc.update(
        "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, ?, 'Fee', ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        FeeIds.of(orderId),
        sequence,
        "2026-01-01T00:00:0" + sequence + "Z",
        storedType,
        String.valueOf(sample.revision()),
        json.getBytes(),
        "{}".getBytes());
  }

  @Test
  void everyGoldenEventSampleIsReadableByTheEventSerializer() {
    for (var sample : GoldenSamples.all()) {
      // the codec behind the serializer reads every revision of every message
      assertThat(
              new com.example.trading.schemas.codec.MessageCodec()
                  .deserialize(sample.type(), sample.revision(), sample.json()))
          .as(sample.toString())
          .isNotNull();
    }
  }
}
