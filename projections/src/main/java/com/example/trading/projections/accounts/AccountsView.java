package com.example.trading.projections.accounts;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.AccountEvent.AccountOpened;
import com.example.trading.schemas.AccountEvent.DepositRequested;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.Accounts;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Accounts: one document per account with its owner, from the accounts' events. */
@Component
public class AccountsView implements View<AccountDocument> {

  public static final String NAME = ReadModel.ACCOUNTS.viewName();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> topics() {
    return ReadModel.ACCOUNTS.topics();
  }

  @Override
  public Class<AccountDocument> documentType() {
    return AccountDocument.class;
  }

  @Override
  public TypeMapping mapping() {
    var properties =
        ViewMappings.withCheckpointFields(
            Map.ofEntries(
                Map.entry(ViewDocuments.KIND_FIELD, ViewMappings.keyword()),
                Map.entry(Accounts.ACCOUNT_ID, ViewMappings.keyword()),
                Map.entry(Accounts.CUSTOMER_ID, ViewMappings.keyword()),
                Map.entry(Accounts.OPENED_AT, ViewMappings.date()),
                Map.entry(Accounts.SEQUENCE, ViewMappings.longNumber()),
                Map.entry(Accounts.POSITION, ViewMappings.storedOnly())));
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties));
  }

  @Override
  public String documentId(TradingEvent event) {
    // A deposit request is the account's too, but changes nothing about who owns it.
    return event instanceof AccountOpened opened ? opened.accountId() : null;
  }

  @Override
  public AccountDocument apply(AccountDocument current, ProjectedEvent projected) {
    if (!(projected.event() instanceof AccountEvent event)) {
      return null;
    }
    AccountDocument doc = current == null ? new AccountDocument() : current;
    if (projected.sequence() <= doc.sequence) {
      return null;
    }
    switch (event) {
      case AccountOpened opened -> {
        doc.accountId = opened.accountId();
        doc.customerId = opened.customerId();
        doc.openedAt = projected.metadata().timestamp().toString();
      }
      case DepositRequested ignored -> {
        return null;
      }
    }
    doc.sequence = projected.sequence();
    doc.position = projected.token().toString();
    return doc;
  }
}
