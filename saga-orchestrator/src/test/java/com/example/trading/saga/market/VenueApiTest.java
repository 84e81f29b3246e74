package com.example.trading.saga.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.market.MarketEvent.MarketOrderFilled;
import com.example.trading.saga.market.VenueApi.Execution;
import com.example.trading.saga.market.VenueApi.ExecutionType;
import com.example.trading.saga.market.VenueApi.OrderState;
import com.example.trading.schemas.codec.MessageCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The venue's answers read into typed statuses, and what the gateway does not know reads so. */
class VenueApiTest {

  private static final ObjectMapper JSON = MessageCodec.objectMapper();

  @Test
  void anOrdersStatusReadsAsTheVenuesStatus() throws Exception {
    assertThat(orderWithStatus("PARTIALLY_FILLED").status())
        .isEqualTo(VenueOrderStatus.PARTIALLY_FILLED);
  }

  @Test
  void aStatusTheGatewayDoesNotKnowReadsAsUnknown() throws Exception {
    assertThat(orderWithStatus("SUSPENDED").status()).isEqualTo(VenueOrderStatus.UNKNOWN);
  }

  /** {@code GET /venue/orders/{id}} as the venue answers it, with the given status. */
  private static OrderState orderWithStatus(String status) throws Exception {
    return JSON.readValue(
        """
        {"venueOrderId":"v-1","instrument":"AAPL","side":"BUY","type":"LIMIT","quantity":10,
         "filledQuantity":4,"status":"%s","reason":null}"""
            .formatted(status),
        OrderState.class);
  }

  @Test
  void aFillOfTheFeedBecomesAFillOfTheOrder() throws Exception {
    Execution fill =
        JSON.readValue(
            """
            {"sequence":7,"type":"FILL","venueOrderId":"o-1","fillId":"f-1","quantity":4,
             "price":"190.00","reason":null,"at":"2026-12-03T04:00:00Z"}""",
            Execution.class);

    assertThat(fill.type()).isEqualTo(ExecutionType.FILL);
    assertThat(ExecutionFeed.toEvent(fill)).isInstanceOf(MarketOrderFilled.class);
  }

  @Test
  void anExecutionOfATypeTheGatewayDoesNotKnowIsSkipped() throws Exception {
    Execution split =
        JSON.readValue(
            """
            {"sequence":8,"type":"SPLIT","venueOrderId":"o-1","fillId":null,"quantity":0,
             "price":null,"reason":null,"at":"2026-12-03T04:00:00Z"}""",
            Execution.class);

    assertThat(split.type()).isEqualTo(ExecutionType.UNKNOWN);
    assertThat(ExecutionFeed.toEvent(split)).isNull();
  }
}
