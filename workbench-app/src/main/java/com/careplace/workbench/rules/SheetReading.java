package com.careplace.workbench.rules;

/** What reading a decision-table sheet gave: its {@link SheetLayout}, or why it is not one rule table. */
sealed interface SheetReading permits SheetLayout, SheetReading.Unreadable {

    /** @param why what keeps the sheet from being read as one rule table, as the end of "The sheet cannot be read: …" */
    record Unreadable(String why) implements SheetReading {
    }
}
