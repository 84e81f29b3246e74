package com.example.trading.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.trading.saga.market.MarketEvent.MarketOrderFilled;
import com.example.trading.saga.order.OrderSaga;
import com.example.trading.saga.order.StepDeadlinePassed;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaInputsTest {

  private final SagaInputs inputs = SagaInputs.of(List.of(OrderSaga.class));

  @Test
  void whatTheOrderSagaHandlesIsStored() {
    assertThat(inputs.handles(OrderPlaced.class)).isTrue();
    assertThat(inputs.handles(HoldingReserved.class)).isTrue();
    assertThat(inputs.handles(FeeCharged.class)).isTrue();
    assertThat(inputs.handles(MarketOrderFilled.class)).isTrue();
    assertThat(inputs.handles(StepDeadlinePassed.class)).isTrue();
  }

  @Test
  void whatNoSagaHandlesIsNot() {
    assertThat(inputs.handles(OrderAccepted.class)).isFalse();
    assertThat(inputs.handles(OrderSubmitted.class)).isFalse();
    assertThat(inputs.handles(HoldingDeposited.class)).isFalse();
  }

  @Test
  void sagasThatHandleNothingAreRefused() {
    assertThatThrownBy(() -> SagaInputs.of(List.of(String.class)))
        .isInstanceOf(IllegalStateException.class);
  }
}
