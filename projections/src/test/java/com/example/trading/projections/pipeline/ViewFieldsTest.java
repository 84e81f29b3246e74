package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.projections.accounts.AccountDocument;
import com.example.trading.projections.activities.LedgerDocument;
import com.example.trading.projections.orders.CustomerOrderDocument;
import com.example.trading.projections.portfolio.HoldingDocument;
import com.example.trading.projections.prices.PriceDocument;
import com.example.trading.schemas.ViewFields;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract's field names ({@link ViewFields}), which the query side searches and reads, are
 * exactly the fields the projections' documents have: renaming, adding or removing a field on one
 * side fails here until the other agrees.
 */
class ViewFieldsTest {

  @Test
  void theContractNamesEveryFieldOfEachViewsDocumentsAndNoOther() {
    assertThat(constants(ViewFields.CustomerOrders.class))
        .isEqualTo(fields(CustomerOrderDocument.class));
    assertThat(constants(ViewFields.CustomerOrders.TimelineStep.class))
        .isEqualTo(fields(CustomerOrderDocument.TimelineEntry.class));
    assertThat(constants(ViewFields.CustomerOrders.Fill.class))
        .isEqualTo(fields(CustomerOrderDocument.Fill.class));
    assertThat(constants(ViewFields.Portfolios.class)).isEqualTo(fields(HoldingDocument.class));
    assertThat(constants(ViewFields.Accounts.class)).isEqualTo(fields(AccountDocument.class));
    assertThat(constants(ViewFields.AccountActivities.class))
        .isEqualTo(fields(LedgerDocument.class));
    assertThat(constants(ViewFields.Prices.class)).isEqualTo(fields(PriceDocument.class));
  }

  /** The values of a fields class's string constants. */
  private static Set<String> constants(Class<?> names) {
    return Arrays.stream(names.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(ViewFieldsTest::value)
        .collect(Collectors.toSet());
  }

  /** The JSON fields of a document: a record's components, or a class's public instance fields. */
  private static Set<String> fields(Class<?> document) {
    if (document.isRecord()) {
      return Arrays.stream(document.getRecordComponents())
          .map(RecordComponent::getName)
          .collect(Collectors.toSet());
    }
    return Arrays.stream(document.getFields())
        .filter(field -> !Modifier.isStatic(field.getModifiers()))
        .map(Field::getName)
        .collect(Collectors.toSet());
  }

  private static String value(Field constant) {
    try {
      return (String) constant.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
