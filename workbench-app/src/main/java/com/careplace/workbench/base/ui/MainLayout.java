package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame of every signed-in screen: the menu (only the screens the user's roles open, from each
 * view's {@code @Menu}), who is signed in, and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        Span brand = new Span("Careplace");
        brand.addClassName("brand");
        String name = authentication.getPrincipalName().orElse("");
        Span user = new Span(VaadinIcon.USER.create(), new Span(name));
        user.addClassName("signed-in-user");
        Button signOut = new Button("Sign out", e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, user, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(brand);
        header.addClassName("app-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        // MenuConfiguration lists only the views the signed-in user's roles may open.
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(entry.icon() == null
                ? new SideNavItem(entry.title(), entry.path())
                : new SideNavItem(entry.title(), entry.path(), VaadinIcon.valueOf(entry.icon()).create())));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
