package com.careplace.workbench.authoring;

import java.util.Locale;

/**
 * The spreadsheet file a decision table was imported from: kept so that export gives the table back in that format
 * (an {@code .xls} stays {@code .xls}) with the sheets Drools does not compile. Never compiled or released.
 *
 * @param fileName as uploaded, e.g. {@code payer.drl.xls}
 * @param bytes    the workbook as uploaded; empty for a {@code .csv} (its text is the table)
 */
public record SourceWorkbook(String fileName, byte[] bytes) {

    public SourceWorkbook {
        java.util.Objects.requireNonNull(fileName, "fileName");
        // as the browser sent it: kept to 200 characters (the end, with the extension) for the table_workbook column
        fileName = fileName.length() <= 200 ? fileName : fileName.substring(fileName.length() - 200);
        bytes = bytes == null ? new byte[0] : bytes;
    }

    /** The format: {@code xls} or {@code xlsx} by what the bytes are (a name can say otherwise), {@code csv} for text. */
    public String format() {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
            return "xlsx";
        }
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF) {
            return "xls";
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".xls") ? "xls" : "csv";
    }

    @Override
    public String toString() {
        return "SourceWorkbook[" + fileName + ", " + bytes.length + " bytes]";
    }
}
