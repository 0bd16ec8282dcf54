package com.careplace.decision;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on PostgreSQL, as in production. */
class PlacementApiPostgresTest extends PlacementApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgres("careplace_api_test").forEach((key, value) -> registry.add(key, () -> value));
    }
}
