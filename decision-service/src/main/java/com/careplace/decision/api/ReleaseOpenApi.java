package com.careplace.decision.api;

import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.facts.Category;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Writes a release's vocabulary and request schema into the OpenAPI description: the payers and levels
 * it accepts and the fields its clinicians added. The description is of the active release, or of the
 * one {@code /v3/api-docs?release=1.1.0} names when this node holds it, so that a caller pinning a
 * release reads its contract.
 */
@Component
class ReleaseOpenApi implements OpenApiCustomizer {

    private final ReleaseService releases;

    ReleaseOpenApi(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Schema<?> request = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas().get("PlacementRequest");
        if (request == null) {
            return;
        }
        String asked = described();
        // Only what the node holds: fetching the description never loads (or compiles) a release.
        Optional<LoadedRelease> release = releases.held(asked);
        Vocabulary vocabulary = release.map(LoadedRelease::vocabulary).orElse(Vocabulary.baseline());
        String version = release.map(r -> r.release().version()).orElse(null);
        openApi.getInfo().setVersion(version != null ? "v1, release " + version : asked == null || asked.isBlank() ? "v1"
                : "v1 (release " + asked + " is not held by this node: pin it on a decision first, or ask a node that serves it)");
        Schema<?> payer = request.getProperties().get("payer");
        payer.setEnum(null);
        vocabulary.payers().stream().map(Payer::code).forEach(code -> addEnum(payer, code));
        payer.setDescription("One of this release's payers: " + String.join(", ", vocabulary.payers().stream()
                .map(p -> p.code() + " (" + p.title() + ")").toList()));
        Schema<?> level = request.getProperties().get("currentLevel");
        level.setEnum(null);
        vocabulary.levelsOfCare().stream().map(LevelOfCare::code).forEach(code -> addEnum(level, code));
        for (RequestField field : vocabulary.requestFields()) {
            request.addProperty(field.name(), schema(field, vocabulary));
        }
    }

    @SuppressWarnings("unchecked")
    private static void addEnum(Schema<?> schema, String value) {
        ((Schema<Object>) schema).addEnumItemObject(value);
    }

    private static String described() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getParameter("release") : null;
    }

    private static Schema<?> schema(RequestField field, Vocabulary vocabulary) {
        Schema<?> schema = switch (field.type()) {
            case INTEGER -> {
                IntegerSchema integer = new IntegerSchema();
                if (field.minimum() != null) {
                    integer.setMinimum(BigDecimal.valueOf(field.minimum()));
                }
                if (field.maximum() != null) {
                    integer.setMaximum(BigDecimal.valueOf(field.maximum()));
                }
                yield integer;
            }
            case BOOLEAN -> new BooleanSchema();
            case LEVEL_OF_CARE -> codes(vocabulary.levelsOfCare().stream().map(LevelOfCare::code).toList());
            case PAYER -> codes(vocabulary.payers().stream().map(Payer::code).toList());
            case DIAGNOSIS_CATEGORY -> codes(vocabulary.categories().stream().map(Category::code).toList());
        };
        schema.setDescription((field.description() == null || field.description().isBlank() ? "" : field.description() + ". ")
                + "Optional; added by this release's request schema.");
        return schema;
    }

    private static StringSchema codes(List<String> codes) {
        StringSchema schema = new StringSchema();
        schema.setEnum(codes);
        return schema;
    }
}
