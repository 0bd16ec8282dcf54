package com.careplace.workbench.review;

import com.careplace.placement.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What-if cases read as the API reads requests: bad lines named by line and field, the rest kept. */
class WhatIfBatchTest {

    @Test
    void aCsvBatchKeepsEveryCaseThatReadsAndNamesTheLineAndFieldOfEachThatDoesNot() {
        String csv = """
                age,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer,suicideRisk
                34,F10.20;F32.1,1,0,2,1,2,1,12,COMMERCIAL,
                forty,F41.1,0,0,7,1,1,1,9,TRICARE,NONE

                13,F41.1,0,0,2,1,1,1,6,TRICARE,PASSIVE_IDEATION
                """;
        WhatIfBatch batch = WhatIfBatch.read(csv, Vocabulary.baseline());

        assertThat(batch.cases()).hasSize(2);
        assertThat(batch.lines()).containsExactly(2, 5);
        assertThat(batch.cases().getFirst().diagnoses()).containsExactly("F10.20", "F32.1");
        assertThat(batch.cases().get(1).suicideRisk().name()).isEqualTo("PASSIVE_IDEATION");
        assertThat(batch.invalid()).hasSize(2).allSatisfy(problem -> assertThat(problem).startsWith("line 3: "));
        assertThat(String.join("\n", batch.invalid())).contains("age", "d3");
    }

    @Test
    void anNdjsonBatchReadsLineByLine() {
        String ndjson = """
                {"age":34,"diagnoses":["F10.20"],"dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},"availableHoursPerWeek":12,"payer":"COMMERCIAL"}
                not json
                {"age":34,"diagnoses":[],"dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},"availableHoursPerWeek":12,"payer":"ACME"}
                """;
        WhatIfBatch batch = WhatIfBatch.read(ndjson, Vocabulary.baseline());
        assertThat(batch.cases()).hasSize(1);
        assertThat(batch.invalid()).hasSize(2);
        assertThat(batch.invalid().getFirst()).startsWith("line 2: not JSON");
        assertThat(batch.invalid().get(1)).startsWith("line 3: payer: ");
    }

    @Test
    void aBatchTooLargeForTheScreenIsRefusedWithWhatToDoInstead() {
        String csv = "age,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer\n"
                + "34,F10.20,1,0,2,1,2,1,12,COMMERCIAL\n".repeat(WhatIfBatch.MOST_CASES + 1);
        assertThatThrownBy(() -> WhatIfBatch.read(csv, Vocabulary.baseline())).hasMessageContaining("replay the decision log");
    }

    @Test
    void excelsByteOrderMarkIsNotPartOfTheFirstFieldAndProblemsDoNotCountAsCases() {
        WhatIfBatch batch = WhatIfBatch.read("\uFEFFage,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer\n"
                + "34,F10.20,1,0,2,1,2,1,12,COMMERCIAL\n", Vocabulary.baseline());
        assertThat(batch.invalid()).isEmpty();
        assertThat(batch.cases()).hasSize(1);
        String manyProblems = "age,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer\n"
                + "x,F10.20,9,9,9,9,9,9,y,ACME\n".repeat(2_000);
        assertThat(WhatIfBatch.read(manyProblems, Vocabulary.baseline()).invalid()).hasSizeGreaterThan(WhatIfBatch.MOST_CASES);
    }
}
