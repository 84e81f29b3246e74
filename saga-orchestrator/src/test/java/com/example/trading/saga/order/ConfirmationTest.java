package com.example.trading.saga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

  @Test
  void eachConfirmationIsStoredInTheTextItAlwaysHad() {
    assertThat(Confirmation.RESERVE).hasToString("reserve");
    assertThat(Confirmation.CHARGE_FEE).hasToString("charge-fee");
    assertThat(Confirmation.fill("f-1")).hasToString("fill:f-1");
    assertThat(Confirmation.debit("f-1")).hasToString("debit:f-1");
    assertThat(Confirmation.credit("f-1")).hasToString("credit:f-1");
    assertThat(Confirmation.RELEASE).hasToString("release");
    assertThat(Confirmation.REFUND_FEE).hasToString("refund-fee");
    assertThat(Confirmation.SETTLE_FEE).hasToString("settle-fee");
    assertThat(Confirmation.FINISH).hasToString("finish");
  }

  @Test
  void theStoredTextReadsBackAsTheSameConfirmation() {
    for (Confirmation confirmation :
        new Confirmation[] {
          Confirmation.RESERVE,
          Confirmation.fill("9b1c:partial"),
          Confirmation.debit("f-2"),
          Confirmation.FINISH
        }) {
      assertThat(Confirmation.valueOf(confirmation.toString())).isEqualTo(confirmation);
    }
  }

  @Test
  void aMisspeltOrIncompleteConfirmationIsRefused() {
    assertThatThrownBy(() -> Confirmation.valueOf("reserv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a saga confirmation: \"reserv\"");
    assertThatThrownBy(() -> new Confirmation(Confirmation.Kind.FILL, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a fill confirmation names what it belongs to");
    assertThatThrownBy(() -> new Confirmation(Confirmation.Kind.RELEASE, "f-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a release confirmation names nothing");
    assertThat(Confirmation.valueOf("adjust-reservation:o-1:r1:reserve"))
        .isEqualTo(Confirmation.reservationAdjusted("o-1:r1:reserve"));
  }

  @Test
  void asAMapKeyItRoundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<Confirmation, String> awaiting = new LinkedHashMap<>();
    awaiting.put(Confirmation.RELEASE, "a");
    awaiting.put(Confirmation.credit("f-7"), "b");

    String text = json.writeValueAsString(awaiting);

    assertThat(text).isEqualTo("{\"release\":\"a\",\"credit:f-7\":\"b\"}");
    assertThat(json.readValue(text, new TypeReference<Map<Confirmation, String>>() {}))
        .isEqualTo(awaiting);
  }

  /**
   * A saga stored before confirmations were typed (from a run of 2026-12-03) loads unchanged;
   * stored again, it has what it had and, empty, what sagas have gained since (the replace in
   * flight, the fee's notional).
   */
  @Test
  void aSagaStoredWithStringKeysLoadsWithTypedOnes() throws Exception {
    String stored =
        """
        {"orderId":"4f43f135-086c-3bf8-b647-f3b2b401bcd1","accountId":"run-5171e874-18","side":"SELL",\
        "instrument":"AMZN","quantity":3,"type":"LIMIT","limitPrice":221.77,"maxFee":null,"timeInForce":"DAY",\
        "stopPrice":null,"triggered":false,"step":"RELEASING","ending":{"outcome":"CANCELLED","reason":null,\
        "detail":"cancelled before submission"},"referencePrice":null,"plan":{"asset":"AMZN","quantity":3,\
        "priceEstimate":221.77,"priceProtection":null},"reserved":3,"settledFromReservation":0,"fee":null,\
        "feeSchedule":null,"executedNotional":null,"feeCollected":0,"venueOrderId":null,"filledQuantity":0,\
        "venueFilledQuantity":null,"fillIds":[],"awaiting":{"release":{"type":"ReleaseReservation",\
        "revision":1,"json":"{\\"holdingId\\":\\"run-5171e874-18/AMZN\\",\\"orderId\\":\\"4f43f135-086c-3bf8-b647-f3b2b401bcd1\\"}"}},\
        "deadline":null,"retry":4}""";

    JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    OrderSaga saga =
        serializer.deserialize(
            new SimpleSerializedObject<>(stored, String.class, OrderSaga.class.getName(), null));
    String storedAgain = serializer.serialize(saga, String.class).getData();

    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode again =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(storedAgain);
    for (String gained : List.of("replacing", "feeNotional")) {
      com.fasterxml.jackson.databind.JsonNode value = again.remove(gained);
      assertThat(value).as(gained).isNotNull();
      assertThat(value.isNull()).as(gained).isTrue();
    }
    assertThat(again).isEqualTo(json.readTree(stored));
  }
}
