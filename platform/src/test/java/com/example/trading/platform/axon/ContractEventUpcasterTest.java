package com.example.trading.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.codec.MessageCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** How an event store row is read: under any name the event had, in any revision it had. */
class ContractEventUpcasterTest {

  private static final String FEE_CHARGED_V1 =
      """
      {"orderId": "o-1", "accountId": "acc-1", "amount": "1.90"}""";
  private static final String FEE_CHARGED_V2 =
      """
      {"orderId": "o-1", "accountId": "acc-1", "amount": "1.90", "schedule": "standard-v1"}""";

  private final MessageCodec codec = new MessageCodec();
  private final Serializer serializer = new AxonContractAutoConfiguration().eventSerializer(codec);
  private final ContractEventUpcaster upcaster = new ContractEventUpcaster(codec);

  @Test
  void anOlderRevisionStoredUnderTheFamilysFormerPackageIsTheCurrentEvent() {
    assertThat(read("com.example.trading.schemas.fee.FeeEvent$FeeCharged", "1", FEE_CHARGED_V1))
        .isEqualTo(new FeeCharged("o-1", "acc-1", new BigDecimal("1.90"), "standard-v1"));
  }

  @Test
  void theCurrentRevisionUnderTheFormerNameIsRenamedOnly() {
    assertThat(read("com.example.trading.schemas.fee.FeeEvent$FeeCharged", "2", FEE_CHARGED_V2))
        .isEqualTo(new FeeCharged("o-1", "acc-1", new BigDecimal("1.90"), "standard-v1"));
  }

  @Test
  void anOlderRevisionUnderTheCurrentNameIsUpcast() {
    assertThat(read(FeeCharged.class.getName(), "1", FEE_CHARGED_V1))
        .isEqualTo(new FeeCharged("o-1", "acc-1", new BigDecimal("1.90"), "standard-v1"));
  }

  @Test
  void theCurrentEventIsReadAsStored() {
    assertThat(read(FeeCharged.class.getName(), "2", FEE_CHARGED_V2))
        .isEqualTo(new FeeCharged("o-1", "acc-1", new BigDecimal("1.90"), "standard-v1"));
  }

  private Object read(String storedType, String revision, String json) {
    var row =
        new GenericDomainEventEntry<>(
            "Fee",
            "fee-o-1",
            0,
            "event-1",
            Instant.parse("2026-01-01T00:00:00Z"),
            storedType,
            revision,
            json.getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8));
    return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, upcaster)
        .next()
        .getPayload();
  }
}
