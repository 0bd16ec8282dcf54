package com.careplace.workbench.authoring;

import java.util.List;

/**
 * Why a change request went to review with rules no scenario fires.
 *
 * @param by     who submitted it
 * @param reason what they said
 * @param rules  the rules no scenario fired at that submit
 */
public record CoverageWaiver(String by, String reason, List<String> rules) {

    public CoverageWaiver {
        rules = List.copyOf(rules);
    }
}
