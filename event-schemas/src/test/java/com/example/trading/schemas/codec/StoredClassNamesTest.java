package com.example.trading.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderTerms;
import com.example.trading.schemas.order.OrderStatus;
import org.junit.jupiter.api.Test;

class StoredClassNamesTest {

  @Test
  void anEventStoredUnderItsFamilysFormerPackageIsTheCurrentClass() {
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.order.OrderEvent$OrderPlaced"))
        .contains(OrderPlaced.class);
    assertThat(
            StoredClassNames.classOf(
                "com.example.trading.schemas.holding.HoldingEvent$HoldingReserved"))
        .contains(HoldingReserved.class);
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.fee.FeeEvent$FeeCharged"))
        .contains(FeeCharged.class);
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.order.OrderEvent"))
        .contains(OrderEvent.class);
  }

  @Test
  void aCurrentNameIsItsOwnClassAndAnUnknownNameNone() {
    assertThat(StoredClassNames.classOf(OrderPlaced.class.getName())).contains(OrderPlaced.class);
    // still in its own package: not a family that moved
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.order.OrderStatus"))
        .contains(OrderStatus.class);
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.order.OrderEvent$Nothing"))
        .isEmpty();
    assertThat(StoredClassNames.classOf("com.example.trading.schemas.fee.OrderEvent$OrderPlaced"))
        .isEmpty();
  }

  @Test
  void anEventMayBeStoredUnderItsCurrentAndItsFormerName() {
    assertThat(StoredClassNames.namesOf(OrderPlaced.class))
        .containsExactly(
            "com.example.trading.schemas.OrderEvent$OrderPlaced",
            "com.example.trading.schemas.order.OrderEvent$OrderPlaced");
    assertThat(StoredClassNames.namesOf(OrderTerms.Limit.class))
        .containsExactly(OrderTerms.Limit.class.getName());
  }
}
