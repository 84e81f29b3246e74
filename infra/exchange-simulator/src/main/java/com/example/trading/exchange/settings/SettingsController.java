package com.example.trading.exchange.settings;

import com.example.trading.platform.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reading and replacing the resilience settings while the venue runs. */
@Tag(name = "settings")
@RestController
class SettingsController {

  private final CurrentSettings settings;

  SettingsController(CurrentSettings settings) {
    this.settings = settings;
  }

  @Operation(operationId = "getVenueSettings", summary = "The resilience settings in force")
  @GetMapping("/venue/settings")
  VenueSettings settings() {
    return settings.get();
  }

  @Operation(
      operationId = "replaceVenueSettings",
      summary = "Replace the resilience settings (every field required)",
      responses = {
        @ApiResponse(responseCode = "200", description = "The settings now in force"),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
      })
  @PutMapping("/venue/settings")
  VenueSettings replace(@Valid @RequestBody VenueSettings replacement) {
    settings.replace(replacement);
    return replacement;
  }
}
