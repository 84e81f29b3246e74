package com.example.trading.identity;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Scopes;
import com.example.trading.platform.web.ApiExceptionHandler;
import com.example.trading.platform.web.ApiProblems;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An operator creates a customer's API credentials: an OAuth2 client whose id is the customer id,
 * so its tokens (client credentials, scope {@code trading.customer}) carry the customer id as
 * {@code sub}. The secret is shown once, in the answer that creates it; only its hash is stored.
 */
@RestController
@Tag(name = "customers", description = "Customers' API credentials (operators)")
class CustomerCredentialsController {

  /** Customer ids follow the services' identifier rule (API.md). */
  static final String CUSTOMER_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";

  record NewCustomer(
      @NotBlank
          @Pattern(
              regexp = CUSTOMER_ID_PATTERN,
              message =
                  "must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")
          String customerId) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record CustomerCredentials(String customerId, String clientId, String clientSecret) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Customer(String customerId, String clientId) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RegisteredClientRepository clients;
  private final PasswordEncoder passwords;
  private final KnownClients knownClients;

  CustomerCredentialsController(
      RegisteredClientRepository clients, PasswordEncoder passwords, KnownClients knownClients) {
    this.clients = clients;
    this.passwords = passwords;
    this.knownClients = knownClients;
  }

  @Operation(
      operationId = "createCustomerCredentials",
      summary =
          "Create a customer's API credentials (operator); the secret is shown only in this answer",
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "The credentials; the secret is not shown again"),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
      })
  @PostMapping("/api/customers")
  ResponseEntity<CustomerCredentials> create(@Valid @RequestBody NewCustomer request) {
    String customerId = request.customerId();
    if (KnownClients.isReserved(customerId) || clients.findByClientId(customerId) != null) {
      throw new CustomerExists(customerId);
    }
    String secret = newSecret();
    RegisteredClient client =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(customerId)
            .clientName("Customer " + customerId)
            .clientSecret(passwords.encode(secret))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope(Scopes.CUSTOMER)
            .tokenSettings(knownClients.tokenSettings())
            .build();
    try {
      clients.save(client);
    } catch (DuplicateKeyException | IllegalArgumentException concurrentCreate) {
      // the unique client id caught a concurrent create of the same customer
      throw new CustomerExists(customerId);
    }
    return ResponseEntity.created(URI.create("/api/customers/" + customerId))
        .body(new CustomerCredentials(customerId, customerId, secret));
  }

  @Operation(
      operationId = "getCustomer",
      summary = "A customer's API client (operator); never its secret",
      responses = {
        @ApiResponse(responseCode = "200", description = "The customer's client"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping("/api/customers/{customerId}")
  ResponseEntity<Customer> read(@PathVariable String customerId) {
    RegisteredClient client =
        KnownClients.isReserved(customerId) || !customerId.matches(CUSTOMER_ID_PATTERN)
            ? null
            : clients.findByClientId(customerId);
    if (client == null) {
      throw new UnknownCustomer(customerId);
    }
    return ResponseEntity.ok(new Customer(customerId, client.getClientId()));
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static final class CustomerExists extends RuntimeException {
    CustomerExists(String customerId) {
      super(
          "Customer "
              + customerId
              + " already has API credentials; they are shown only when created.");
    }
  }

  static final class UnknownCustomer extends RuntimeException {
    UnknownCustomer(String customerId) {
      super("No customer " + customerId + ".");
    }
  }

  /** The issuer's API answers problem documents, as the services do. */
  @RestControllerAdvice
  static class Problems extends ApiExceptionHandler {

    @ExceptionHandler(CustomerExists.class)
    ProblemDetail exists(CustomerExists e) {
      return ApiProblems.of(
          HttpStatus.CONFLICT, "customer-exists", "Customer exists", e.getMessage());
    }

    @ExceptionHandler(UnknownCustomer.class)
    ProblemDetail unknown(UnknownCustomer e) {
      return ApiProblems.notFound(e.getMessage());
    }
  }
}
