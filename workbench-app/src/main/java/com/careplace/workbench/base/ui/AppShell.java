package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: Lumo's look plus the workbench's few styles (editor, diff, badges), and
 * server push so long checks report back without the author reloading.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/careplace.css")
public class AppShell implements AppShellConfigurator {
}
