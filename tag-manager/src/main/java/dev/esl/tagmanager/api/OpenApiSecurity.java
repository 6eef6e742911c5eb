package dev.esl.tagmanager.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Tells the OpenAPI document (and Swagger UI's "Authorize") that every call signs in with HTTP Basic. */
@Configuration
@OpenAPIDefinition(info = @Info(title = "ESL tag manager API", version = "v1"),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "a user of the tag manager; its role and store decide what it may reach (docs/console.md)")
class OpenApiSecurity {
}
