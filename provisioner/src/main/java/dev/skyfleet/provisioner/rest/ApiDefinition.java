package dev.skyfleet.provisioner.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI metadata: every endpoint takes an opaque bearer token. */
@OpenAPIDefinition(info = @Info(title = "Skyfleet provisioner API", version = "1.0.0"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Skyfleet token (sft_...) created with ./skyfleet token create or POST /api/v1/admin/tokens")
public class ApiDefinition extends Application {
}
