package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** A file the user downloads, made when they click; and the one way screens write times. */
public final class Downloads {

    /** Minutes, in the server's zone: how every list in the workbench shows a time. */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZoneId.systemDefault());

    private Downloads() {
    }

    /** A file to download: its name, type and bytes. */
    public record File(String name, String contentType, byte[] bytes) {
    }

    /** A download link around {@code content} (a text or a button) whose bytes are produced on click. */
    public static Anchor of(Component content, String fileName, String contentType, Supplier<byte[]> bytes) {
        return of(content, () -> new File(fileName, contentType, bytes.get()));
    }

    /** A download link whose file, name and all, is made on click (the name can follow what is on screen). */
    public static Anchor of(Component content, Supplier<File> file) {
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            File made = file.get();
            return new DownloadResponse(new ByteArrayInputStream(made.bytes()), made.name(), made.contentType(), made.bytes().length);
        }), "");
        anchor.add(content);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }
}
