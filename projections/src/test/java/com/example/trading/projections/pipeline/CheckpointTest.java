package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.Topics;
import com.example.trading.schemas.ViewCheckpoints;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checkpoint documents are written as the query side reads them for read-your-writes. */
class CheckpointTest {

  @Test
  void isStoredUnderTheSharedIdWithThePositionInTheSharedField() {
    assertThat(Checkpoint.documentId(Topics.ORDER_EVENTS, 3))
        .isEqualTo(ViewCheckpoints.documentId(Topics.ORDER_EVENTS, 3))
        .isEqualTo("__checkpoint__" + Topics.ORDER_EVENTS + "__3");
    assertThat(Arrays.stream(Checkpoint.class.getRecordComponents()).map(RecordComponent::getName))
        .contains(ViewCheckpoints.POSITION_FIELD);
    assertThat(ViewMappings.withCheckpointFields(Map.of()))
        .containsKey(ViewCheckpoints.POSITION_FIELD);
  }
}
