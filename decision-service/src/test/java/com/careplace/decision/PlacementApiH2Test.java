package com.careplace.decision;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the embedded H2 file database. */
class PlacementApiH2Test extends PlacementApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }
}
