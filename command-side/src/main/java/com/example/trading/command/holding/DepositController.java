package com.example.trading.command.holding;

import static com.example.trading.command.web.Identifiers.ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ID_PATTERN;
import static com.example.trading.command.web.Identifiers.SYMBOL_MESSAGE;
import static com.example.trading.command.web.Identifiers.SYMBOL_PATTERN;

import com.example.trading.command.account.Accounts;
import com.example.trading.command.web.EventStorePositions;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.AccountCommand.RequestDeposit;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.MessageMetadata;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Funding an account: the operator's way of putting cash or shares into a holding of an open
 * account.
 */
@RestController
@Tag(name = "deposits", description = "Funding accounts (operators)")
class DepositController {

  /** The header that makes a deposit safe to repeat (API.md "Identity and authorization"). */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final java.util.regex.Pattern IDEMPOTENCY_KEY_SHAPE =
      java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,64}");

  /** What to deposit: an asset symbol (USD for cash) and a positive quantity. */
  record DepositRequestBody(
      @NotBlank @Pattern(regexp = SYMBOL_PATTERN, message = SYMBOL_MESSAGE) String asset,
      @NotNull @Positive @Digits(integer = 15, fraction = 2) BigDecimal quantity) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record DepositAccepted(String accountId, String asset, String position) {}

  private final CommandGateway commands;
  private final EventStorePositions positions;
  private final Accounts accounts;

  DepositController(CommandGateway commands, EventStorePositions positions, Accounts accounts) {
    this.commands = commands;
    this.positions = positions;
    this.accounts = accounts;
  }

  @Operation(
      operationId = "deposit",
      summary = "Deposit cash or shares into an account (operator)",
      description =
          "Needs an Idempotency-Key: the same key and body again answers as the first time and "
              + "applies nothing twice; the same key with another body is 409. An account never opened is 404.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Deposited",
            content = @Content(schema = @Schema(implementation = DepositAccepted.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Deposited before under this Idempotency-Key",
            content = @Content(schema = @Schema(implementation = DepositAccepted.class))),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
      })
  @PostMapping("/api/accounts/{accountId}/deposits")
  ResponseEntity<DepositAccepted> deposit(
      @Parameter(hidden = true) Caller caller,
      @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String accountId,
      @Parameter(
              required = true,
              schema = @Schema(type = "string", pattern = "^[\\x21-\\x7E]{1,64}$"),
              description =
                  "1-64 visible ASCII characters; the same key and body again is answered as the "
                      + "first time and applied once, the same key with another body is 409")
          @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @Valid @RequestBody DepositRequestBody request) {
    if (idempotencyKey == null || !IDEMPOTENCY_KEY_SHAPE.matcher(idempotencyKey).matches()) {
      throw new InvalidIdempotencyKey(idempotencyKey == null);
    }
    caller.requireOperator();
    accounts.requireActingOn(caller, accountId);
    String holdingId = Assets.holdingId(accountId, request.asset());
    MetaData metadata =
        MetaData.with(MessageMetadata.CORRELATION_ID, holdingId)
            .and(MessageMetadata.PRINCIPAL, caller.principal());
    String depositId =
        commands.sendAndWait(
            new RequestDeposit(accountId, idempotencyKey, request.asset(), request.quantity()),
            metadata);
    boolean appliedNow =
        commands.sendAndWait(
            new DepositHolding(
                holdingId, accountId, request.asset(), request.quantity(), depositId),
            metadata);
    return ResponseEntity.status(appliedNow ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(new DepositAccepted(accountId, request.asset(), positions.afterCommandOn(holdingId)));
  }
}
