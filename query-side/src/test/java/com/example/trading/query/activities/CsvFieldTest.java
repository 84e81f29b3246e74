package com.example.trading.query.activities;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ledger's CSV fields follow RFC 4180. */
class CsvFieldTest {

  @Test
  void plainFieldsAreWrittenAsTheyAre() {
    assertThat(AccountActivitiesController.csvField("-211.02")).isEqualTo("-211.02");
    assertThat(AccountActivitiesController.csvField("")).isEmpty();
  }

  @Test
  void aFieldWithACommaQuoteOrLineBreakIsQuotedWithItsQuotesDoubled() {
    assertThat(AccountActivitiesController.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(AccountActivitiesController.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AccountActivitiesController.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(AccountActivitiesController.csvField("cr\rhere")).isEqualTo("\"cr\rhere\"");
  }
}
