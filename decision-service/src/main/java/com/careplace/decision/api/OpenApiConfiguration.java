package com.careplace.decision.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description of the decision API, served at /v3/api-docs with Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI careplaceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Careplace decision API").version("v1")
                        .description("Level-of-care placement decisions for behavioral health (ASAM-based rules, release 1.0.0 "
                                + "and later). Authenticate with an API key: `Authorization: Bearer <key>`."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
