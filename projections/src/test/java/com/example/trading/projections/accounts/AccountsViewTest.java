package com.example.trading.projections.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.AccountEvent.AccountOpened;
import com.example.trading.schemas.AccountEvent.DepositRequested;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountsViewTest {

  private final AccountsView view = new AccountsView();

  private static ProjectedEvent event(AccountEvent event, long sequence) {
    return new ProjectedEvent(
        event,
        new MessageMetadata(
            "m-" + sequence, null, null, Instant.parse("2026-12-01T10:00:00Z"), "t", 1, null),
        Topics.ACCOUNT_EVENTS,
        0,
        sequence,
        100 + sequence,
        sequence);
  }

  @Test
  void anOpenedAccountIsADocumentWithItsOwnerAndARepeatChangesNothing() {
    AccountOpened opened = new AccountOpened("acc-1", "cust-1");

    AccountDocument doc = view.apply(null, event(opened, 0));

    assertThat(view.documentId(opened)).isEqualTo("acc-1");
    assertThat(doc.accountId).isEqualTo("acc-1");
    assertThat(doc.customerId).isEqualTo("cust-1");
    assertThat(doc.openedAt).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(view.apply(doc, event(opened, 0))).as("redelivered").isNull();
  }

  @Test
  void aDepositRequestIsNotTheAccountsDocument() {
    var request =
        new DepositRequested(
            "acc-1", AccountEvent.depositStreamId("acc-1", "k"), "k", "USD", BigDecimal.TEN);

    assertThat(view.documentId(request)).isNull();
    assertThat(view.apply(null, event(request, 0))).isNull();
  }
}
