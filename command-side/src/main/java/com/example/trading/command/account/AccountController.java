package com.example.trading.command.account;

import static com.example.trading.command.web.Identifiers.ID_MESSAGE;
import static com.example.trading.command.web.Identifiers.ID_PATTERN;

import com.example.trading.command.web.EventStorePositions;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.AccountCommand.OpenAccount;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.MessageMetadata;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Opening an account for a customer: the operator's act that lets the customer trade it. */
@RestController
@Tag(name = "accounts", description = "Opening accounts (operators)")
class AccountController {

  record OpenAccountRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String accountId,
      @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String customerId) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AccountOpenedAnswer(String accountId, String customerId, String position) {}

  private final CommandGateway commands;
  private final EventStorePositions positions;

  AccountController(CommandGateway commands, EventStorePositions positions) {
    this.commands = commands;
    this.positions = positions;
  }

  @Operation(
      operationId = "openAccount",
      summary = "Open an account for a customer (operator)",
      description =
          "201; the same account for the same customer again 200; the account already another "
              + "customer's 409.",
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "Opened",
            headers = @Header(name = "Location", description = "/api/accounts/{accountId}"),
            content = @Content(schema = @Schema(implementation = AccountOpenedAnswer.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Opened before for this customer",
            headers = @Header(name = "Location", description = "/api/accounts/{accountId}"),
            content = @Content(schema = @Schema(implementation = AccountOpenedAnswer.class))),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
      })
  @PostMapping("/api/accounts")
  ResponseEntity<AccountOpenedAnswer> open(
      @Parameter(hidden = true) Caller caller, @Valid @RequestBody OpenAccountRequest request) {
    caller.requireOperator();
    String streamId = AccountEvent.streamId(request.accountId());
    boolean opened =
        commands.sendAndWait(
            new OpenAccount(request.accountId(), request.customerId()),
            MetaData.with(MessageMetadata.CORRELATION_ID, streamId)
                .and(MessageMetadata.PRINCIPAL, caller.principal()));
    return ResponseEntity.status(opened ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/accounts/" + request.accountId()))
        .body(
            new AccountOpenedAnswer(
                request.accountId(), request.customerId(), positions.afterCommandOn(streamId)));
  }
}
