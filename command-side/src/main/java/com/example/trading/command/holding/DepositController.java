package com.example.trading.command.holding;

import static com.example.trading.command.web.Identifiers.ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ID_PATTERN;
import static com.example.trading.command.web.Identifiers.SYMBOL_MESSAGE;
import static com.example.trading.command.web.Identifiers.SYMBOL_PATTERN;

import com.example.trading.command.account.Accounts;
import com.example.trading.command.web.EventStorePositions;
import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.MessageMetadata;
import io.swagger.v3.oas.annotations.Parameter;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.holding.HoldingCommand.DepositHolding;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Funding an account: the operator's way of putting cash or shares into a holding of an open account. */
@RestController
class DepositController {

  /** What to deposit: an asset symbol (USD for cash) and a positive quantity. */
  record DepositRequest(
      @NotBlank @Pattern(regexp = SYMBOL_PATTERN, message = SYMBOL_MESSAGE) String asset,
      @NotNull @Positive @Digits(integer = 15, fraction = 2) BigDecimal quantity) {
  }

  record DepositAccepted(String accountId, String asset, String position) {
  }

  private final CommandGateway commands;
  private final EventStorePositions positions;
  private final Accounts accounts;

  DepositController(CommandGateway commands, EventStorePositions positions, Accounts accounts) {
    this.commands = commands;
    this.positions = positions;
    this.accounts = accounts;
  }

  @Operation(summary = "Deposit cash or shares into an account")
  @PostMapping("/api/accounts/{accountId}/deposits")
  @ResponseStatus(HttpStatus.ACCEPTED)
  DepositAccepted deposit(@Parameter(hidden = true) Caller caller,
      @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String accountId,
      @Valid @RequestBody DepositRequest request) {
    caller.requireOperator();
    accounts.requireActingOn(caller, accountId);
    String holdingId = Assets.holdingId(accountId, request.asset());
    commands.sendAndWait(new DepositHolding(holdingId, accountId, request.asset(), request.quantity()),
        MetaData.with(MessageMetadata.CORRELATION_ID, holdingId).and(MessageMetadata.PRINCIPAL, caller.principal()));
    return new DepositAccepted(accountId, request.asset(), positions.afterCommandOn(holdingId));
  }
}
