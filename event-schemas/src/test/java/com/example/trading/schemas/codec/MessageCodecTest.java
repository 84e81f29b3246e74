package com.example.trading.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.trading.schemas.FeeCommand.ChargeFee;
import com.example.trading.schemas.FeeCommand.SettleFee;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.GoldenSamples;
import com.example.trading.schemas.GoldenSamples.Sample;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.OrderCommand.CancelOrder;
import com.example.trading.schemas.OrderCommand.PlaceOrder;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.codec.MessageCodec.MalformedMessageException;
import com.example.trading.schemas.codec.MessageCodec.UnknownMessageTypeException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

  private final MessageCodec codec = new MessageCodec();
  private final ObjectMapper json = new ObjectMapper();

  static List<Sample> currentRevisionSamples() {
    MessageCodec codec = new MessageCodec();
    return GoldenSamples.all().stream()
        .filter(s -> s.revision() == codec.revision(codec.classOf(s.type())))
        .toList();
  }

  static List<Sample> allSamples() {
    return GoldenSamples.all();
  }

  @Test
  void everyMessageHasAGoldenSampleOfItsCurrentRevision() {
    List<String> covered = currentRevisionSamples().stream().map(Sample::type).toList();
    assertThat(codec.messageClasses().map(codec::typeName)).allMatch(covered::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentRevisionSamples")
  void currentSamplesSurviveARoundTripUnchanged(Sample sample) throws Exception {
    Object message = codec.deserialize(sample.type(), sample.revision(), sample.json());
    assertThat(codec.typeName(message.getClass())).isEqualTo(sample.type());
    assertThat(json.readTree(codec.serialize(message))).isEqualTo(json.readTree(sample.json()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allSamples")
  void everyRevisionOfEverySampleIsReadable(Sample sample) {
    assertThat(codec.deserialize(sample.type(), sample.revision(), sample.json())).isNotNull();
  }

  @Test
  void feeChargedRevision1IsUpcastToTheFirstSchedule() {
    Sample v1 = GoldenSamples.get("FeeCharged", 1);
    Sample v2 = GoldenSamples.get("FeeCharged", 2);

    FeeCharged upcast = (FeeCharged) codec.deserialize("FeeCharged", 1, v1.json());

    assertThat(upcast.schedule()).isEqualTo("standard-v1");
    assertThat(upcast).isEqualTo(codec.deserialize("FeeCharged", 2, v2.json()));
  }

  @Test
  void feeSettledRevision1IsUpcastAsTheWholeHoldSettledOnTheEstimate() {
    FeeSettled upcast =
        (FeeSettled) codec.deserialize("FeeSettled", 1, GoldenSamples.get("FeeSettled", 1).json());

    assertThat(upcast.amount()).isEqualByComparingTo("1.90");
    assertThat(upcast.refunded()).isEqualByComparingTo("0");
    assertThat(upcast.executedNotional()).isNull();
    assertThat(upcast.onWhatTraded()).isFalse();
    FeeSettled current =
        (FeeSettled) codec.deserialize("FeeSettled", 2, GoldenSamples.get("FeeSettled", 2).json());
    assertThat(current.onWhatTraded()).isTrue();
    assertThat(current.amount().add(current.refunded())).isEqualByComparingTo("2.00");
  }

  @Test
  void chargeFeeRevision1IsUpcastWithoutASchedule() {
    ChargeFee upcast =
        (ChargeFee) codec.deserialize("ChargeFee", 1, GoldenSamples.get("ChargeFee", 1).json());

    assertThat(upcast.schedule()).isNull();
    assertThat(
            ((ChargeFee)
                    codec.deserialize("ChargeFee", 2, GoldenSamples.get("ChargeFee", 2).json()))
                .schedule())
        .isEqualTo("standard-v1");
  }

  @Test
  void settleFeeRevision1IsUpcastWithoutAnAmountSoTheWholeHoldIsSettled() {
    SettleFee upcast =
        (SettleFee) codec.deserialize("SettleFee", 1, GoldenSamples.get("SettleFee", 1).json());

    assertThat(upcast.amount()).isNull();
    assertThat(upcast.executedNotional()).isNull();
  }

  @Test
  void aCancelRecordedBeforeReasonsSaysNeitherWhoNorWhy() {
    OrderCancellationRequested upcast =
        (OrderCancellationRequested)
            codec.deserialize(
                "OrderCancellationRequested",
                1,
                GoldenSamples.get("OrderCancellationRequested", 1).json());
    CancelOrder command =
        (CancelOrder)
            codec.deserialize("CancelOrder", 1, GoldenSamples.get("CancelOrder", 1).json());

    assertThat(upcast)
        .isEqualTo(new OrderCancellationRequested(upcast.orderId(), null, null))
        .isEqualTo(new OrderCancellationRequested(upcast.orderId()));
    assertThat(command).isEqualTo(new CancelOrder(command.orderId(), null));
  }

  @Test
  void anOrderPlacedBeforeTimeInForceWasADayOrder() {
    OrderPlaced upcast =
        (OrderPlaced)
            codec.deserialize("OrderPlaced", 1, GoldenSamples.get("OrderPlaced", 1).json());
    PlaceOrder command =
        (PlaceOrder) codec.deserialize("PlaceOrder", 1, GoldenSamples.get("PlaceOrder", 1).json());

    assertThat(upcast.timeInForce()).isEqualTo(TimeInForce.DAY);
    assertThat(command.timeInForce()).isEqualTo(TimeInForce.DAY);
  }

  @Test
  void decimalsAreWrittenAsPlainStringsKeepingTheirScale() {
    var credited =
        new HoldingCredited(
            "acc-1/USD", "acc-1", "USD", "o-1", "f-1", new BigDecimal("1E+3").setScale(2));
    String written = new String(codec.serialize(credited), StandardCharsets.UTF_8);
    assertThat(written).contains("\"quantity\":\"1000.00\"");
  }

  @Test
  void anUnknownTypeIsRefusedByName() {
    assertThatThrownBy(() -> codec.deserialize("OrderTeleported", 1, "{}".getBytes()))
        .isInstanceOf(UnknownMessageTypeException.class)
        .hasMessageContaining("OrderTeleported");
  }

  @Test
  void aRevisionNewerThanTheReaderIsRefused() {
    assertThatThrownBy(
            () -> codec.deserialize("FeeCharged", 3, GoldenSamples.get("FeeCharged", 2).json()))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void jsonThatDoesNotFitTheTypeIsRefused() {
    assertThatThrownBy(
            () -> codec.deserialize("OrderFilled", 1, "{\"quantity\":\"ten\"}".getBytes()))
        .isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> codec.deserialize("OrderFilled", 1, "not json".getBytes()))
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void aClassOutsideTheContractCannotBeSerialized() {
    assertThatThrownBy(() -> codec.serialize("just a string"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
