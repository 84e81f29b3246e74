package com.example.trading.query.accounts;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners.CustomerAccount;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.query.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's accounts, from the Accounts view: for the customer, and for operators. */
@RestController
@Tag(name = "accounts", description = "A customer's accounts")
class CustomerAccountsController {

  /** The accounts opened for a customer, by account id. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record CustomerAccounts(String customerId, List<CustomerAccount> accounts) {}

  private final AccountOwners owners;

  CustomerAccountsController(AccountOwners owners) {
    this.owners = owners;
  }

  @Operation(
      operationId = "listCustomerAccounts",
      summary = "A customer's accounts",
      description =
          "A customer sees their own (another customer is 404), an operator every customer's. "
              + "A customer without accounts is 404.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The accounts"),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/customers/{customerId}/accounts")
  CustomerAccounts accounts(
      @Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.CUSTOMER_ID_PATTERN))
          @PathVariable
          String customerId)
      throws IOException {
    PathIds.requireCustomerId(customerId);
    if (!caller.mayActFor(customerId)) {
      throw new NotFoundException("No such customer: " + customerId);
    }
    List<CustomerAccount> accounts = owners.accountsOf(customerId);
    if (accounts.isEmpty()) {
      throw new NotFoundException("No account of customer " + customerId);
    }
    return new CustomerAccounts(customerId, accounts);
  }
}
